/**
 * An empty map from strings to T with no prototype: any key, `__proto__` included, is an own
 * property like any other. Results keyed by document ids are built on these.
 */
export const dict = <T>(): Record<string, T> => Object.create(null) as Record<string, T>;
