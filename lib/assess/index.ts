// Public surface of lib/assess (platform-neutral): one domain assessed for every front end.

export { type Answer, errorText, settle } from './answer.ts';
export { type AskOrder, askGate } from './ask-order.ts';
export {
  type AssessDomainDeps,
  type AssessPart,
  assessDomain,
  type DomainAssessment,
  type PartMemo,
  type ProbeSource,
} from './assess-domain.ts';
export { isIncomplete, postureUntested, probeUntested } from './completeness.ts';
