import type { InboundRepository, ProcessedUpdates } from '../../store/inbound-repository.js';
import { createQuestionDeadlines, type QuestionDeadlines, type QuestionTimers } from '../conversations/question-deadlines.js';
import { createIntentWorker, type IntentWorker, type IntentWorkerDeps } from './create-intent-worker.js';

/** Everything that makes inbound updates durable, on the bot's dependencies as `inbound`. */
export interface Inbound {
  /** The updates that already acted, so a redelivery is skipped. */
  readonly updates: ProcessedUpdates;
  /** Recorded decision taps and the worker that carries them out. */
  readonly intents: IntentWorker;
  /** Conversation questions waiting for an answer, told in the chat when they expire. */
  readonly questions: QuestionDeadlines;
  stop(): void;
}

/** The intent worker's dependencies, with the repository that also keeps the processed updates. */
export interface InboundDeps extends Omit<IntentWorkerDeps, 'inbound'> {
  readonly repository: InboundRepository;
  /** The timers of question deadlines (tests drive them by hand). */
  readonly questionTimers?: QuestionTimers;
}

export function createInbound(deps: InboundDeps): Inbound {
  const intents = createIntentWorker({ ...deps, inbound: deps.repository });
  const questions = createQuestionDeadlines({ ...deps, ...(deps.questionTimers === undefined ? {} : { timers: deps.questionTimers }) });
  return {
    updates: deps.repository,
    intents,
    questions,
    stop() {
      intents.stop();
      questions.stop();
    },
  };
}
