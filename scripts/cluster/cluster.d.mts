export type ClusterPorts = { http: number; apps: number[]; pgbouncer: number; postgres: number };

export type ClusterOptions = {
  dir?: string;
  ports?: ClusterPorts;
  /** Loads the demo data into the new database (true). */
  demoData?: boolean;
  /** Builds first when the build is missing or stale (true). */
  build?: boolean;
  /** Added to the environment of the instances and the worker. */
  env?: Record<string, string>;
  log?: (line: string) => void;
};

export type ComponentName = `app-${number}` | "worker" | "balancer" | "nginx" | "pgbouncer" | "postgres";

export type Cluster = {
  dir: string;
  /** nginx's URL. */
  url: string;
  ports: ClusterPorts;
  /** The URL the instances and the worker use: through PgBouncer. */
  databaseUrl: string;
  /** PostgreSQL itself, past PgBouncer. */
  postgresUrl: string;
  /** The log of "app-1"…, "worker" or "balancer"; "nginx" is its access log. */
  logFile(name: ComponentName): string;
  pid(name: ComponentName): number | null;
  /** Starts instance `i` (0-based) again, on its port. */
  startInstance(i: number): number;
  startWorker(): number;
  /** Stops PostgreSQL at once (fast shutdown), as a crash or a failover would. */
  stopPostgres(): Promise<unknown>;
  /** Starts PostgreSQL again on its data folder. */
  startPostgres(): Promise<unknown>;
  stop(): Promise<void>;
};

export const ROOT: string;
export function clusterOptionsFromEnv(env?: Record<string, string | undefined>): { dir: string; ports: ClusterPorts };
export function startCluster(options?: ClusterOptions): Promise<Cluster>;
export function stopCluster(dir: string, options?: { keepFolder?: boolean }): Promise<void>;

/** Whether a process with this pid is alive. */
export function isAlive(pid: number | null): boolean;
