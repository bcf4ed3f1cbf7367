import type { BackfillJobRecord } from '../../engine/ports/backfill-jobs.js';
import type { MessageBoard } from './message-board.js';

/**
 * Background work as the person at the terminal would name it, for "quitting once this is
 * done" and "stopping now". Bookkeeping tasks (delivering messages, answering taps) take
 * moments and are left out; a backfill points at its message, where its progress and its
 * Cancel button are.
 */
export function describeRunningWork(taskNames: readonly string[], backfills: readonly BackfillJobRecord[], board: MessageBoard): RunningWork[] {
  const work = new Map<string, RunningWork>();
  const add = (item: RunningWork) => work.set(item.what, item);
  for (const name of taskNames) {
    const [verb = '', subject = ''] = name.split(' ', 2);
    if (verb === 'backfill') add(describeBackfill(subject, backfills, board));
    else if (name === 'scan') add({ what: 'a scan' });
    else if (verb === 'execute') add({ what: `an approved order being sent and its fill checked (${subject})` });
    else if (verb === 'run') add({ what: `the job ${name.slice(4)}` });
    else if (name === 'halt') add({ what: 'the halt: canceling open orders' });
  }
  return [...work.values()];
}

export interface RunningWork {
  readonly what: string;
  /** Where to follow it and its buttons (a backfill's Cancel), while the chat still reads input. */
  readonly where?: string;
}

function describeBackfill(id: string, backfills: readonly BackfillJobRecord[], board: MessageBoard): RunningWork {
  const job = backfills.find((j) => j.id === id);
  const what = job === undefined ? `backfill ${id}` : `backfill ${id} (${job.request.venue}: ${job.request.symbols.length} symbols × ${job.request.timeframes.join(', ')}, ${job.request.days} days)`;
  const message = board.withButtons().find((entry) => entry.text.includes(id));
  if (message === undefined) return { what };
  return { what, where: `progress on message #${message.number}, ${message.buttons.map((b, i) => `[${message.number}.${i + 1}] ${b.text}`).join('  ')}` };
}
