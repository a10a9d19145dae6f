// Entry point of the `tend` command (bin/tend.mjs runs the compiled copy of this file).
import { main } from './tend.js';

await main(process.argv);
