// The client address of the request being served, for the audit log: set once where a request
// enters (the API's route wrapper, the pages' server actions) so that the use cases an admin change
// runs through need not pass it along. Outside a request (scripts, the demo's setup) there is none.
import { AsyncLocalStorage } from "node:async_hooks";

const storage = new AsyncLocalStorage<{ clientAddress: string | null }>();

/** Runs `fn` as part of a request from `clientAddress` (null when it is not known). */
export const withClientAddress = <T>(clientAddress: string | null, fn: () => Promise<T>): Promise<T> => storage.run({ clientAddress }, fn);

/** The address of the request being served, or null. */
export const requestClientAddress = (): string | null => storage.getStore()?.clientAddress ?? null;
