/*
 * Objects keyed by user text (metric names, config keys). `obj[name] = v` with name "__proto__" sets the prototype
 * instead of adding a key, and `obj[name]` for "constructor" or "toString" finds Object.prototype's. These read
 * and write own keys only, on plain objects (React cannot pass objects without a prototype to client components).
 */

/** Adds or replaces `key` as an own, enumerable key, whatever its name. */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The value of `key` when it is the object's own, else undefined. */
export function getOwn<T>(target: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(target, key) ? target[key] : undefined;
}
