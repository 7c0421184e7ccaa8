export * from './combiner.js';
