/**
 * An order's state with its reason, saying each thing once: a reason that already starts
 * with the state ("canceled by request") is not put after it again ("canceled (canceled
 * by request)").
 */
export function describeOrderState(state: string, reason: string | undefined): string {
  if (reason === undefined || reason.trim() === '') return state;
  return reason.toLowerCase().startsWith(state.toLowerCase()) ? reason : `${state} (${reason})`;
}
