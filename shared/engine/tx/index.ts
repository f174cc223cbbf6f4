// The transaction subsystem: protocols over TxNet, databases with local transactions, and the
// invariant checker. txrun/ puts TxNet on the engine's kernel.
export * from './txNet';
export * from './events';
export * from './testNet';
export * from './lockManager';
export * from './localDb';
export * from './common';
export * from './broker';
export * from './system';
export * from './flow';
export * from './invariants';
export { createLocal } from './local';
export { createTwoPhase } from './twoPhase';
export { createThreePhase } from './threePhase';
export { createTcc, holdRow } from './tcc';
export { createSaga, sagaRow } from './saga';
export { createChoreographedSaga } from './sagaChoreo';
export { createOutbox } from './outbox';
