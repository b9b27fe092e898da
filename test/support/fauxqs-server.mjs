// A real S3 protocol server (fauxqs 1.9, in Node) on 127.0.0.1 and a free port, for tests.
// Prints its address on the first line of stdout; stops when stdin closes (the test ends).
import { buildApp } from 'fauxqs';

const app = buildApp({ logger: false });
const address = await app.listen({ host: '127.0.0.1', port: 0 });
process.stdout.write(`${address}\n`);
process.stdin.on('close', () => app.close().then(() => process.exit(0)));
process.stdin.resume();
