import type { ThresholdCommit, ThresholdStore } from '../engine/ports/threshold-store.js';
import type { OverrideState, ThresholdChange } from '../engine/settings/threshold-override.js';
import type { HistoryLog } from './history/create-history-log.js';
import type { StoreDocument } from './open-store.js';

export const SETTING_CHANGE_KIND = 'setting_change';

/**
 * Threshold overrides in the live document, their audit in the history. A change is
 * appended to the history (fsynced) before the document takes it, so a change in force is
 * always in the audit; a crash between the two is finished by `recover` at the next start.
 */
export function createThresholdRepository(store: { document: StoreDocument; history: HistoryLog }): ThresholdStore & { recover(): Promise<number> } {
  const { document, history } = store;
  let queue: Promise<unknown> = Promise.resolve();
  const state = () => document.read().settings.thresholds;

  async function write(changes: readonly ThresholdChange[]): Promise<void> {
    await history.append(changes.map((change) => ({ kind: SETTING_CHANGE_KIND, id: String(change.version), at: change.at, value: change })));
    await document.update((data) => {
      const thresholds = data.settings.thresholds;
      for (const change of changes) {
        thresholds.accounts[change.accountId] = structuredClone(change.after) as (typeof thresholds.accounts)[string];
        thresholds.version = Math.max(thresholds.version, change.version);
      }
    });
  }

  return {
    read: (): OverrideState => state().accounts,
    commit(plan) {
      const run = queue.then(async () => {
        const planned: ThresholdCommit | undefined = plan(state().accounts);
        if (planned === undefined || planned.changes.length === 0) return [];
        const first = state().version + 1;
        const changes = planned.changes.map((draft, i): ThresholdChange => ({ ...draft, version: first + i, after: planned.accounts[draft.accountId] ?? {} }));
        await write(changes);
        return changes;
      });
      // One failed commit must not block the ones after it.
      queue = run.catch(() => undefined);
      return run;
    },
    async history(limit, accountId) {
      const found: ThresholdChange[] = [];
      // Newest first; filtering by account may need more than `limit` records.
      for (const entry of await history.latest<ThresholdChange>(SETTING_CHANGE_KIND, accountId === undefined ? limit : history.count(SETTING_CHANGE_KIND))) {
        if (accountId === undefined || entry.value.accountId === accountId) found.push(entry.value);
        if (found.length >= limit) break;
      }
      return found;
    },
    change: (version) => history.get<ThresholdChange>(SETTING_CHANGE_KIND, String(version)),
    /** Applies changes the audit has and the document missed (a crash between the two writes). */
    async recover() {
      const known = state().version;
      const missed: ThresholdChange[] = [];
      for (const entry of await history.latest<ThresholdChange>(SETTING_CHANGE_KIND, history.count(SETTING_CHANGE_KIND))) {
        if (entry.value.version <= known) break;
        missed.unshift(entry.value);
      }
      if (missed.length === 0) return 0;
      await document.update((data) => {
        for (const change of missed) {
          data.settings.thresholds.accounts[change.accountId] = structuredClone(change.after) as (typeof data.settings.thresholds.accounts)[string];
          data.settings.thresholds.version = change.version;
        }
      });
      return missed.length;
    },
  };
}
