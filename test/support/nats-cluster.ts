/**
 * A 3-node JetStream cluster of the machine's nats-server (routes on the loopback, a store folder
 * each) that a suite owns: `NatsCluster.start()`, `urls` for NATS_URL, `kill(node)` (SIGKILL),
 * `restart(node)`, `waitForMetaLeader()`, `destroy()`. It lives with the fault run
 * (`scripts/chaos`, compiled into dist/ and run outside jest), which uses the same one.
 */
export { NatsCluster } from '../../scripts/chaos/nats-cluster';
export type { NatsNode } from '../../scripts/chaos/nats-cluster';
