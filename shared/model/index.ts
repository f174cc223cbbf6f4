export * from './distributions';
export * from './props';
export * from './document';
