export * from './content-type.js';
export * from './file-name.js';
