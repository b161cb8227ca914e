// A render worker: Markdown in, sanitized HTML out, so a slow text never blocks the server's
// event loop. It says "ready" once its modules are loaded, which is when its time limit may start.
import { parentPort } from 'node:worker_threads';
import { markdownToHtml } from './markdown-pipeline.ts';

export type RenderRequest = { id: number; input: string };
export type RenderReply = { id: number; output: string } | { id: number; failed: string };

const port = parentPort!;
port.on('message', ({ id, input }: RenderRequest) => {
  let reply: RenderReply;
  try {
    reply = { id, output: markdownToHtml(input) };
  } catch (error) {
    // A stack overflow or a parser fault: the text cannot be rendered, the worker lives on.
    reply = { id, failed: error instanceof Error ? error.name : 'Error' };
  }
  port.postMessage(reply);
});
port.postMessage('ready');
