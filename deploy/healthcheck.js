// A container's health check (docker-compose.yml): `node deploy/healthcheck.js <port>`.
// Exits 0 when the service on that port says it is ready. It asks /health/ready and, on a service
// that does not have it yet (404), /health, so the same check holds before and after that endpoint.
'use strict';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0 || port > 65535) {
  console.error('usage: node deploy/healthcheck.js <port>');
  process.exit(2);
}

async function status(path) {
  const answer = await fetch(`http://127.0.0.1:${port}${path}`, {
    signal: AbortSignal.timeout(3000),
  });
  return answer.status;
}

async function main() {
  let code = await status('/health/ready');
  if (code === 404) code = await status('/health');
  if (code !== 200) {
    console.error(`not ready: HTTP ${code}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(`no answer: ${err?.message ?? err}`);
  process.exit(1);
});
