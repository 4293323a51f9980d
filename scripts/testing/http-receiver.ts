import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Runs `use` with the URL of a local HTTP receiver that answers every request 204 (a webhook endpoint's), closed afterwards. */
export async function withHttpReceiver<T>(use: (url: string) => Promise<T>): Promise<T> {
  const receiver = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  try {
    return await use(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`);
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
}
