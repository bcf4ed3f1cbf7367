/**
 * Freezes `value` and everything inside it, and returns it. The store freezes the records
 * it keeps (proposals, orders, queued messages) so that a change must replace a record
 * rather than edit it in place: the document's serializer reuses the text of frozen
 * objects, and an in-place edit would throw instead of going unwritten.
 */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const item of Object.values(value)) deepFreeze(item);
  return Object.freeze(value);
}
