import { parentPort } from 'node:worker_threads';
import { inspectEnvelopeFile } from './envelope-files.ts';
import { nodeSuite } from './node-suites.ts';

/** Worker side of EnvelopeInspectionWorkers: inspects the envelope file named in each message. */
parentPort!.on('message', async (message: { id: number; path: string }) => {
  try {
    parentPort!.postMessage({
      id: message.id,
      inspection: await inspectEnvelopeFile(nodeSuite, message.path),
    });
  } catch (error) {
    parentPort!.postMessage({
      id: message.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
});
