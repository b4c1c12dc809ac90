// The configuration files of the local cluster's PgBouncer and nginx, written into the cluster's
// folder (docs/deployment.md, "A local production cluster" explains each setting).
import path from "node:path";

/** The database and role the app instances and the worker use. */
export const DATABASE = "stageline";

/**
 * PgBouncer in transaction pooling mode: a server connection is lent to a client for one transaction
 * (or one statement outside any), so nothing may rely on session state (docs/deployment.md).
 */
export function pgbouncerIni({ dir, ports, poolSize }) {
  const folder = path.join(dir, "pgbouncer");
  return `[databases]
${DATABASE} = host=127.0.0.1 port=${ports.postgres} dbname=${DATABASE}

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = ${ports.pgbouncer}
; No Unix socket: the cluster is reached on its loopback port only.
unix_socket_dir =
pidfile = ${path.join(folder, "pgbouncer.pid")}
logfile = ${path.join(folder, "pgbouncer.log")}
auth_type = scram-sha-256
auth_file = ${path.join(folder, "userlist.txt")}
pool_mode = transaction
; Server connections per database and role; the clients (every instance's and the worker's pools)
; may be more, and wait for a free one between transactions.
default_pool_size = ${poolSize}
max_client_conn = 500
; Only session pooling runs it; in transaction mode a connection goes back as the transaction ends.
server_reset_query = DISCARD ALL
server_reset_query_always = 0
; When PostgreSQL is away (a restart, a failover): try to log in again every second, not every 15,
; so the instances serve again within a second or two of its return; and a client waits at most
; 5 s for a server connection, so a request answers 503 rather than hang (docs/reliability.md).
server_login_retry = 1
query_wait_timeout = 5
; node-postgres sends no startup parameter PgBouncer does not know; nothing to ignore.
ignore_startup_parameters =
`;
}

/** PgBouncer's user list: the password in clear, which it needs to log in to the server itself. */
export function pgbouncerUserlist(password) {
  return `"${DATABASE}" "${password}"\n`;
}

/** The upstream's servers: the instances that are ready, the others marked down (all up when none is). */
export function upstreamConf(appPorts, readyPorts) {
  const anyReady = readyPorts.length > 0;
  return appPorts
    .map((port) => {
      const down = anyReady && !readyPorts.includes(port) ? " down" : "";
      return `server 127.0.0.1:${port} max_fails=1 fail_timeout=5s${down};\n`;
    })
    .join("");
}

/** nginx in front of the instances: every path of its own in the cluster folder, nothing under /var or /etc. */
export function nginxConf({ dir, ports }) {
  const folder = path.join(dir, "nginx");
  const temp = (name) => path.join(folder, "temp", name);
  return `worker_processes 1;
pid ${path.join(folder, "nginx.pid")};
error_log ${path.join(folder, "error.log")} warn;

events {
  worker_connections 1024;
}

http {
  log_format upstreams '$time_iso8601 $request_id "$request" $status upstream=$upstream_addr upstream_status=$upstream_status $request_time';
  access_log ${path.join(folder, "access.log")} upstreams;

  client_body_temp_path ${temp("body")};
  proxy_temp_path ${temp("proxy")};
  fastcgi_temp_path ${temp("fastcgi")};
  uwsgi_temp_path ${temp("uwsgi")};
  scgi_temp_path ${temp("scgi")};

  # The largest import (IMPORT_MAX_BYTES, 50 MB) and a little room for the form around it.
  client_max_body_size 60m;

  # The client's X-Request-Id, else nginx's own id: the instance then logs and answers the same one.
  map $http_x_request_id $stageline_request_id {
    "" $request_id;
    default $http_x_request_id;
  }

  upstream stageline {
    # Rewritten by the cluster's balancer (scripts/cluster/balancer.mjs) from each instance's /api/ready.
    include ${path.join(folder, "upstream.conf")};
  }

  server_tokens off;

  server {
    listen 127.0.0.1:${ports.http};

    location / {
      proxy_pass http://stageline;
      # HTTP/1.1 for chunked answers (the import's progress), one connection per request: no kept-alive
      # connection to an instance that is closing it at that moment.
      proxy_http_version 1.1;
      proxy_set_header Connection close;
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_set_header X-Forwarded-Host $http_host;
      proxy_set_header X-Request-Id $stageline_request_id;
      # An instance that refuses the connection or does not accept it in time: the next one. nginx
      # never passes a POST, PATCH or LOCK on once it has sent it (no non_idempotent here), so a write
      # is never made twice; a GET whose instance failed before answering is tried once more.
      proxy_next_upstream error timeout;
      proxy_next_upstream_tries 2;
      proxy_connect_timeout 2s;
      # Between two reads: an import's progress lines arrive as they are written, since its answer
      # says X-Accel-Buffering: no (docs/decisions/012-import-progress-as-ndjson.md).
      proxy_read_timeout 120s;
    }
  }
}
`;
}
