import { run } from './action/run.js';

// The action's entry point: everything happens in run().
await run();
