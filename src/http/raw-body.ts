import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/**
 * In this (encapsulated) scope, every request body — whatever its Content-Type, JSON included —
 * arrives as raw bytes (a Buffer), buffered up to `limitBytes`; beyond that `tooLarge()` is thrown
 * (a declared Content-Length over the limit is refused before any byte is read).
 */
export function acceptRawBodies(scope: FastifyInstance, limitBytes: number, tooLarge: () => Error): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', async (request: FastifyRequest, payload: IncomingMessage) =>
    readUpTo(payload, request.headers['content-length'], limitBytes, tooLarge),
  );
}

function readUpTo(
  stream: IncomingMessage,
  declaredLength: string | undefined,
  limit: number,
  tooLarge: () => Error,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (declaredLength !== undefined && Number(declaredLength) > limit) {
      stream.resume(); // discard; the reply closes the connection
      reject(tooLarge());
      return;
    }
    let chunks: Buffer[] | null = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) {
        chunks?.push(chunk);
        return;
      }
      stream.off('data', onData);
      stream.resume();
      chunks = null;
      reject(tooLarge());
    };
    stream.on('data', onData);
    stream.once('end', () => {
      if (chunks) resolve(Buffer.concat(chunks, size));
    });
    stream.once('error', reject);
  });
}
