/**
 * The deployment files, checked without a cluster: every YAML under deploy/ and docker-compose.yml
 * parses (multi-document), and the invariants the national programme's deployment relies on hold —
 * each service as 2 replicas with probes, resources, a non-root read-only container, a
 * PodDisruptionBudget and an autoscaler; the gateway's way in; the migration Job; no secret written
 * in any file; the production overlay's three-server NATS and stream replicas; NATS's durability;
 * PostgreSQL's three instances and backups; the alerts; the compose files' health checks and
 * production variant. Each test lists every violation it finds, so a failure says what broke.
 *
 * Ports and variables are checked against the services' own configuration code
 * (loadServiceConfig), so a manifest and the code cannot drift apart silently.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { parseAllDocuments, Tags } from 'yaml';
import { loadServiceConfig, SERVICE_NAMES, ServiceName } from '@qollqa/config';

const ROOT = join(__dirname, '..', '..');
const DEPLOY = join(ROOT, 'deploy');
const K8S = join(DEPLOY, 'k8s');
const BASE = join(K8S, 'base');
const PRODUCTION = join(K8S, 'overlays', 'production');

/** The image name the base uses and the overlay replaces with the registry's. */
const IMAGE = 'qollqa';
const CONFIG_MAP = 'qollqa-config';
/** Stands for a value that comes from a Secret or the environment when the services' config is checked. */
const SECRET_STAND_IN = 'a-stand-in-for-a-secret-of-40-characters';
/** What CloudNativePG's `uri` key looks like (postgresql://user:password@<cluster>-rw.<namespace>:5432/db). */
const DATABASE_URL_STAND_IN = 'postgresql://qollqa:stand-in@qollqa-db-rw.qollqa:5432/qollqa';

/** Names of variables that hold secrets: never a literal value in a manifest. */
const SECRET_NAME = /SECRET|PASSWORD|TOKEN|PRIVATE|ACCESS_KEY/i;

function standIn(variable: string): string {
  return variable === 'DATABASE_URL' ? DATABASE_URL_STAND_IN : SECRET_STAND_IN;
}

// ——— reading YAML ———————————————————————————————————————————————————————————————————————————

/** Compose's merge tags (docker compose ≥ 2.24.4), kept as plain values. */
const COMPOSE_TAGS: Tags = ['!reset', '!override'].flatMap((tag) => [
  { tag, collection: 'seq' as const, resolve: (value: unknown) => value },
  { tag, collection: 'map' as const, resolve: (value: unknown) => value },
  { tag, resolve: (value: string) => value },
]) as Tags;

/** Every document of a YAML file as plain data; a syntax error or warning fails with the file's name. */
function readYaml<T = Json>(path: string): T[] {
  const documents = parseAllDocuments(readFileSync(path, 'utf8'), {
    merge: true,
    customTags: COMPOSE_TAGS,
  });
  const list = Array.isArray(documents) ? documents : [documents];
  const problems = list.flatMap((doc) => [...doc.errors, ...doc.warnings].map((e) => e.message));
  if (problems.length > 0) throw new Error(`${relative(ROOT, path)}: ${problems.join('; ')}`);
  return list.map((doc) => doc.toJS() as T).filter((value) => value !== null);
}

function readOne<T = Json>(path: string): T {
  const [document] = readYaml<T>(path);
  return document;
}

function yamlFilesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return yamlFilesUnder(path);
    return /\.ya?ml$/.test(entry.name) ? [path] : [];
  });
}

// ——— the shapes read ———————————————————————————————————————————————————————————————————————————

type Json = Record<string, unknown>;

interface Metadata {
  name: string;
  labels?: Record<string, string>;
}
interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: Metadata;
  spec?: Json;
}
interface EnvVar {
  name: string;
  value?: string;
  valueFrom?: { secretKeyRef?: { name: string; key: string }; configMapKeyRef?: object };
}
interface Probe {
  httpGet?: { path: string; port: string | number };
}
interface SecurityContext {
  runAsNonRoot?: boolean;
  runAsUser?: number;
  readOnlyRootFilesystem?: boolean;
  allowPrivilegeEscalation?: boolean;
  capabilities?: { drop?: string[] };
}
interface Container {
  name: string;
  image?: string;
  command?: string[];
  ports?: { name?: string; containerPort: number }[];
  env?: EnvVar[];
  envFrom?: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  readinessProbe?: Probe;
  livenessProbe?: Probe;
  startupProbe?: Probe;
  resources?: { requests?: Record<string, string>; limits?: Record<string, string> };
  securityContext?: SecurityContext;
  volumeMounts?: { name: string; mountPath: string }[];
}
interface PodSpec {
  restartPolicy?: string;
  securityContext?: SecurityContext;
  containers: Container[];
  volumes?: { name: string; emptyDir?: object }[];
}
interface PodTemplate {
  metadata?: Metadata;
  spec: PodSpec;
}
interface Kustomization {
  resources?: string[];
  images?: { name: string; newName?: string; newTag?: string }[];
  configMapGenerator?: Generator[];
  secretGenerator?: Generator[];
  patches?: { path?: string; patch?: string; target?: { kind?: string; name?: string } }[];
}
interface Generator {
  name: string;
  behavior?: string;
  literals?: string[];
  envs?: string[];
  files?: string[];
}
interface ComposeService {
  image?: string;
  command?: string[];
  environment?: Record<string, string | null>;
  healthcheck?: { test?: string[] };
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

function spec<T>(manifest: Manifest): T {
  return (manifest.spec ?? {}) as T;
}

function podTemplate(manifest: Manifest): PodTemplate {
  return spec<{ template: PodTemplate }>(manifest).template;
}

function find(manifests: Manifest[], kind: string, name: string): Manifest | undefined {
  return manifests.find((m) => m.kind === kind && m.metadata?.name === name);
}

/** Every manifest a kustomization lists under resources (files; folders are other kustomizations). */
function kustomizationResources(dir: string): Manifest[] {
  const kustomization = readOne<Kustomization>(join(dir, 'kustomization.yaml'));
  return (kustomization.resources ?? [])
    .filter((resource) => /\.ya?ml$/.test(resource))
    .flatMap((resource) => readYaml<Manifest>(join(dir, resource)));
}

/** KEY=value lines of a generator's literals, as a map. */
function literals(generator: Generator | undefined): Record<string, string> {
  return Object.fromEntries(
    (generator?.literals ?? []).map((line) => {
      const at = line.indexOf('=');
      return [line.slice(0, at), line.slice(at + 1)];
    }),
  );
}

function isSubset(selector: Record<string, string> | undefined, labels: Record<string, string>) {
  const entries = Object.entries(selector ?? {});
  return entries.length > 0 && entries.every(([key, value]) => labels[key] === value);
}

/** A Kubernetes quantity in base units (cores, bytes), for comparing requests with limits. */
function quantity(value: string | number | undefined): number {
  if (value === undefined) return NaN;
  const match = /^(\d+(?:\.\d+)?)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(String(value));
  if (!match) return NaN;
  const factor: Record<string, number> = {
    m: 1e-3,
    k: 1e3,
    M: 1e6,
    G: 1e9,
    T: 1e12,
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
    Ti: 2 ** 40,
  };
  return Number(match[1]) * (match[2] ? factor[match[2]] : 1);
}

/** x.y.z at the start of an image tag ("2.12.15-alpine"), or undefined. */
function version(tag: string | undefined): [number, number, number] | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(tag ?? '');
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function atLeast(actual: [number, number, number] | undefined, wanted: [number, number, number]) {
  if (!actual) return false;
  for (let i = 0; i < 3; i++) if (actual[i] !== wanted[i]) return actual[i] > wanted[i];
  return true;
}

/** The environment a container gets: the ConfigMap, then its own variables (a Secret's as a stand-in). */
function containerEnvironment(container: Container, config: Record<string, string>) {
  const env: Record<string, string> = { ...config };
  for (const variable of container.env ?? []) {
    env[variable.name] = variable.value ?? standIn(variable.name);
  }
  return env;
}

/** The problems of a pod's security settings and its writable /tmp. */
function podSecurityProblems(who: string, pod: PodSpec): string[] {
  const problems: string[] = [];
  for (const container of pod.containers) {
    const own = container.securityContext ?? {};
    const nonRoot = own.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
    const user = own.runAsUser ?? pod.securityContext?.runAsUser;
    if (nonRoot !== true) problems.push(`${who}: runAsNonRoot is not true`);
    if (user !== undefined && user <= 0) problems.push(`${who}: runAsUser ${user} is root`);
    if (own.readOnlyRootFilesystem !== true)
      problems.push(`${who}: readOnlyRootFilesystem is not true`);
    if (own.allowPrivilegeEscalation !== false)
      problems.push(`${who}: allowPrivilegeEscalation is not false`);
    if (!own.capabilities?.drop?.includes('ALL')) problems.push(`${who}: capabilities not dropped`);
    const tmp = container.volumeMounts?.find((mount) => mount.mountPath === '/tmp');
    const volume = pod.volumes?.find((v) => v.name === tmp?.name);
    if (!volume?.emptyDir) problems.push(`${who}: /tmp is not an emptyDir`);
  }
  return problems;
}

function resourceProblems(who: string, container: Container): string[] {
  const problems: string[] = [];
  for (const resource of ['cpu', 'memory']) {
    const request = quantity(container.resources?.requests?.[resource]);
    const limit = quantity(container.resources?.limits?.[resource]);
    if (!(request > 0)) problems.push(`${who}: no ${resource} request`);
    if (!(limit > 0)) problems.push(`${who}: no ${resource} limit`);
    if (request > limit) problems.push(`${who}: ${resource} request above its limit`);
  }
  return problems;
}

// ——— the files ———————————————————————————————————————————————————————————————————————————————

const base = kustomizationResources(BASE);
const baseKustomization = readOne<Kustomization>(join(BASE, 'kustomization.yaml'));
const baseConfig = literals(
  baseKustomization.configMapGenerator?.find((g) => g.name === CONFIG_MAP),
);
const production = readOne<Kustomization>(join(PRODUCTION, 'kustomization.yaml'));
const natsValues = readOne<Json>(join(K8S, 'nats', 'values.yaml'));
const postgres = readYaml<Manifest>(join(K8S, 'postgres', 'cluster.yaml'));
const cluster = postgres.find((m) => m.kind === 'Cluster');

describe('the deployment files', () => {
  it('parse, every YAML file under deploy/ and docker-compose.yml, multi-document', () => {
    const files = [...yamlFilesUnder(DEPLOY), join(ROOT, 'docker-compose.yml')];
    const problems: string[] = [];
    let documents = 0;
    for (const file of files) {
      try {
        documents += readYaml(file).length;
      } catch (err) {
        problems.push((err as Error).message);
      }
    }
    expect(problems).toEqual([]);
    // base (namespace, 6 services, the Job), overlay, NATS, PostgreSQL, rules, two compose files
    expect(files.length).toBeGreaterThanOrEqual(16);
    expect(documents).toBeGreaterThan(files.length);
  });
});

describe('Kubernetes base', () => {
  it('lists every manifest of its folder, and each one it lists exists', () => {
    const listed = baseKustomization.resources ?? [];
    const present = readdirSync(BASE).filter(
      (name) => /\.ya?ml$/.test(name) && name !== 'kustomization.yaml',
    );
    expect(listed.filter((name) => !present.includes(name))).toEqual([]);
    expect(present.filter((name) => !listed.includes(name))).toEqual([]);
  });

  it.each(SERVICE_NAMES)(
    '%s: a Deployment of 2 replicas, probed, with resources, non-root and read-only, a PDB and an HPA',
    (service: ServiceName) => {
      const problems: string[] = [];
      const deployment = find(base, 'Deployment', service);
      if (!deployment) throw new Error(`no Deployment ${service}`);
      const { replicas, selector } = spec<{
        replicas: number;
        selector: { matchLabels: Record<string, string> };
      }>(deployment);
      if (replicas !== 2) problems.push(`replicas ${replicas}, expected 2`);
      const template = podTemplate(deployment);
      const podLabels = template.metadata?.labels ?? {};
      if (!isSubset(selector?.matchLabels, podLabels))
        problems.push('selector does not match the pod labels');

      const [container, ...others] = template.spec.containers;
      if (others.length > 0) problems.push('more than one container');
      if (container.image !== IMAGE) problems.push(`image ${container.image}, expected ${IMAGE}`);
      const entry = `dist/apps/${service}/src/main.js`;
      if (container.command?.join(' ') !== `node ${entry}`)
        problems.push(`command "${container.command?.join(' ')}", expected "node ${entry}"`);
      if (!existsSync(join(ROOT, 'apps', service, 'src', 'main.ts')))
        problems.push(`apps/${service}/src/main.ts, the source of ${entry}, is missing`);

      // The port the service will listen on, by its own configuration code, is the one declared.
      if (!container.envFrom?.some((source) => source.configMapRef?.name === CONFIG_MAP))
        problems.push(`does not read the ConfigMap ${CONFIG_MAP}`);
      const listening = loadServiceConfig(service, containerEnvironment(container, baseConfig));
      const http = container.ports?.find((port) => port.name === 'http');
      if (http?.containerPort !== listening.port)
        problems.push(
          `declares port ${http?.containerPort}, the service listens on ${listening.port}`,
        );
      const probes = {
        readinessProbe: '/health/ready',
        livenessProbe: '/health/live',
      } as const;
      for (const [probe, path] of Object.entries(probes) as [keyof typeof probes, string][]) {
        const get = container[probe]?.httpGet;
        if (get?.path !== path) problems.push(`${probe} on ${get?.path}, expected ${path}`);
        if (get?.port !== 'http' && get?.port !== listening.port)
          problems.push(`${probe} on port ${get?.port}, not the service's`);
      }

      const database = container.env?.find((variable) => variable.name === 'DATABASE_URL');
      const databaseSecret = `${cluster?.metadata.name}-app`;
      if (database?.valueFrom?.secretKeyRef?.name !== databaseSecret)
        problems.push(`DATABASE_URL is not from the Secret ${databaseSecret} (CloudNativePG's)`);

      problems.push(...resourceProblems('container', container));
      problems.push(...podSecurityProblems('container', template.spec));

      const pdb = find(base, 'PodDisruptionBudget', service);
      const budget =
        pdb &&
        spec<{
          minAvailable?: number;
          maxUnavailable?: number;
          selector: { matchLabels: Record<string, string> };
        }>(pdb);
      if (!budget) problems.push('no PodDisruptionBudget');
      else {
        if (!isSubset(budget.selector?.matchLabels, podLabels))
          problems.push('the PodDisruptionBudget selects other pods');
        const keeps = budget.minAvailable ?? replicas - (budget.maxUnavailable ?? replicas);
        if (!(keeps >= 1 && keeps < replicas))
          problems.push(`the PodDisruptionBudget keeps ${keeps} of ${replicas} replicas`);
      }

      const hpa = find(base, 'HorizontalPodAutoscaler', service);
      const scaling =
        hpa &&
        spec<{
          scaleTargetRef: { kind: string; name: string };
          minReplicas: number;
          maxReplicas: number;
        }>(hpa);
      if (!scaling) problems.push('no HorizontalPodAutoscaler');
      else {
        const target = scaling.scaleTargetRef;
        if (target?.kind !== 'Deployment' || target?.name !== service)
          problems.push(`the HorizontalPodAutoscaler scales ${target?.kind}/${target?.name}`);
        if (!(scaling.minReplicas >= 2 && scaling.maxReplicas >= scaling.minReplicas))
          problems.push(
            `the HorizontalPodAutoscaler ranges ${scaling.minReplicas}–${scaling.maxReplicas}`,
          );
      }
      expect(problems).toEqual([]);
    },
  );

  it("has the gateway's Service and an Ingress with TLS that reach the gateway's port", () => {
    const problems: string[] = [];
    const gateway = podTemplate(find(base, 'Deployment', 'gateway')!);
    const http = gateway.spec.containers[0].ports?.find((port) => port.name === 'http');
    const service = find(base, 'Service', 'gateway');
    const serviceSpec =
      service &&
      spec<{
        selector: Record<string, string>;
        ports: { name: string; port: number; targetPort: string | number }[];
      }>(service);
    if (!serviceSpec) throw new Error('no Service gateway');
    if (!isSubset(serviceSpec.selector, gateway.metadata?.labels ?? {}))
      problems.push('the Service selects other pods');
    const [port] = serviceSpec.ports;
    if (port.targetPort !== http?.name && port.targetPort !== http?.containerPort)
      problems.push(`the Service targets port ${port.targetPort}`);

    const ingress = find(base, 'Ingress', 'gateway');
    const rules =
      ingress &&
      spec<{
        tls?: { hosts: string[] }[];
        rules: {
          host?: string;
          http: {
            paths: {
              backend: { service: { name: string; port: { name?: string; number?: number } } };
            }[];
          };
        }[];
      }>(ingress);
    if (!rules) throw new Error('no Ingress gateway');
    const [rule] = rules.rules;
    if (!rule.host) problems.push('the Ingress has no host');
    if (!rules.tls?.some((tls) => tls.hosts.includes(rule.host ?? '')))
      problems.push('the Ingress has no TLS for its host');
    const backend = rule.http.paths[0].backend.service;
    if (backend.name !== 'gateway') problems.push(`the Ingress sends to ${backend.name}`);
    if (backend.port.name !== port.name && backend.port.number !== port.port)
      problems.push('the Ingress names no port of the Service');
    expect(problems).toEqual([]);
  });

  it('has a migration Job that runs deploy/migrate.js with what every service needs', () => {
    const problems: string[] = [];
    const job = base.find((m) => m.kind === 'Job');
    if (!job) throw new Error('no Job');
    const pod = podTemplate(job).spec;
    const [container] = pod.containers;
    if (container.image !== IMAGE) problems.push(`image ${container.image}`);
    if (container.command?.join(' ') !== 'node deploy/migrate.js')
      problems.push(`command "${container.command?.join(' ')}"`);
    if (!existsSync(join(DEPLOY, 'migrate.js'))) problems.push('deploy/migrate.js is missing');
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    if (!/^COPY .*deploy\/migrate\.js/m.test(dockerfile))
      problems.push('the image does not contain deploy/migrate.js');
    if (!['Never', 'OnFailure'].includes(pod.restartPolicy ?? ''))
      problems.push(`restartPolicy ${pod.restartPolicy}`);
    // It migrates every service's schema, so every service's configuration must load from its env.
    const env = containerEnvironment(container, baseConfig);
    for (const service of SERVICE_NAMES) {
      try {
        loadServiceConfig(service, env);
      } catch (err) {
        problems.push(`the Job's environment: ${(err as Error).message}`);
      }
    }
    problems.push(...resourceProblems('the Job', container));
    problems.push(...podSecurityProblems('the Job', pod));
    expect(problems).toEqual([]);
  });

  it('has the services start in production, with the stream replicas setting', () => {
    expect(baseConfig).toMatchObject({ NODE_ENV: 'production', DEMO_DATA: 'false' });
    expect(Number(baseConfig.STREAM_REPLICAS)).toBeGreaterThanOrEqual(1);
  });
});

describe('secrets', () => {
  const manifestFiles = yamlFilesUnder(K8S);

  it('no Kubernetes file carries a Secret with values, nor a secret in a literal variable', () => {
    const problems: string[] = [];
    for (const file of manifestFiles) {
      const where = relative(ROOT, file);
      for (const document of readYaml<Json>(file)) {
        if (document.kind === 'Secret' && (document.data || document.stringData))
          problems.push(`${where}: a Secret with values`);
        for (const generator of (document as Kustomization).secretGenerator ?? []) {
          if (generator.literals?.length)
            problems.push(`${where}: secretGenerator ${generator.name} has literals`);
        }
        for (const generator of (document as Kustomization).configMapGenerator ?? []) {
          for (const name of Object.keys(literals(generator)))
            if (SECRET_NAME.test(name) || name === 'DATABASE_URL')
              problems.push(`${where}: ${name} in the ConfigMap ${generator.name}`);
        }
        JSON.stringify(document, (key, value) => {
          if (value && typeof value === 'object' && 'name' in value && 'value' in value) {
            const variable = value as EnvVar;
            if (SECRET_NAME.test(variable.name) || variable.name === 'DATABASE_URL')
              problems.push(`${where}: ${variable.name} has a literal value`);
          }
          return value;
        });
      }
    }
    expect(problems).toEqual([]);
  });

  it('secret generators read only git-ignored files, whose committed examples are placeholders', () => {
    const problems: string[] = [];
    const kustomizations = manifestFiles.filter((file) => file.endsWith('kustomization.yaml'));
    const generated = kustomizations.flatMap((file) =>
      (readOne<Kustomization>(file).secretGenerator ?? []).flatMap((generator) =>
        [...(generator.envs ?? []), ...(generator.files ?? [])].map((source) => ({
          dir: dirname(file),
          source,
          secret: generator.name,
        })),
      ),
    );
    expect(generated.length).toBeGreaterThan(0);
    for (const { dir, source, secret } of generated) {
      const ignore = join(dir, '.gitignore');
      const ignored =
        existsSync(ignore) && readFileSync(ignore, 'utf8').split('\n').includes(source);
      if (!ignored) problems.push(`${relative(ROOT, join(dir, source))} is not git-ignored`);
      const example = join(dir, `${source}.example`);
      if (!existsSync(example)) {
        problems.push(`no ${relative(ROOT, example)}`);
        continue;
      }
      const keys: string[] = [];
      for (const line of readFileSync(example, 'utf8').split('\n')) {
        const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line.trim());
        if (!match) continue;
        keys.push(match[1]);
        if (!/^REPLACE/.test(match[2]))
          problems.push(`${relative(ROOT, example)}: ${match[1]} is not a placeholder`);
      }
      // Every key the pods read from this Secret is in the example.
      const wanted = new Set<string>();
      JSON.stringify(base, (key, value) => {
        if (key === 'secretKeyRef' && value.name === secret) wanted.add(value.key);
        return value;
      });
      for (const key of wanted)
        if (!keys.includes(key)) problems.push(`${secret}: ${key} missing from the example`);
    }
    expect(problems).toEqual([]);
  });
});

describe('production overlay', () => {
  const config = {
    ...baseConfig,
    ...literals(production.configMapGenerator?.find((g) => g.name === CONFIG_MAP)),
  };

  it('builds on the base with a pinned image, three stream replicas and the three NATS servers', () => {
    expect(production.resources).toContain('../../base');
    const image = production.images?.find((i) => i.name === IMAGE);
    expect(image?.newTag).toMatch(/^[\w.-]+$/);
    expect(image?.newTag).not.toBe('latest');
    expect(production.configMapGenerator?.find((g) => g.name === CONFIG_MAP)?.behavior).toBe(
      'merge',
    );
    expect(config.STREAM_REPLICAS).toBe('3');

    // One URL per server of the nats release's StatefulSet (values.yaml), each a pod of it.
    const servers = (natsValues.config as { cluster: { replicas: number } }).cluster.replicas;
    const expected = Array.from(
      { length: servers },
      (_, i) => `nats://nats-${i}.nats-headless:4222`,
    );
    expect(config.NATS_URL.split(',')).toEqual(expected);
    for (const service of SERVICE_NAMES) {
      const loaded = loadServiceConfig(service, { ...config, JWT_SECRET: SECRET_STAND_IN });
      expect(loaded.natsServers).toEqual(expected);
    }
  });

  it('patches only what the base has, keeps at least 2 replicas, and sets its own host', () => {
    const problems: string[] = [];
    for (const patch of production.patches ?? []) {
      if (!patch.path) continue;
      const path = join(PRODUCTION, patch.path);
      if (!existsSync(path)) {
        problems.push(`${patch.path} is missing`);
        continue;
      }
      if (patch.target) {
        if (!find(base, patch.target.kind ?? '', patch.target.name ?? ''))
          problems.push(`${patch.path} targets ${patch.target.kind}/${patch.target.name}`);
        continue;
      }
      for (const document of readYaml<Manifest>(path)) {
        if (!find(base, document.kind, document.metadata.name))
          problems.push(
            `${patch.path}: ${document.kind}/${document.metadata.name} is not in the base`,
          );
        const replicas = (document.spec as { replicas?: number; minReplicas?: number }) ?? {};
        for (const field of ['replicas', 'minReplicas'] as const) {
          if (replicas[field] !== undefined && replicas[field] < 2)
            problems.push(
              `${patch.path}: ${document.kind}/${document.metadata.name} ${field} ${replicas[field]}`,
            );
        }
        for (const container of document.spec && document.kind === 'Deployment'
          ? podTemplate(document).spec.containers
          : [])
          if (container.resources) problems.push(...resourceProblems(`${patch.path}`, container));
      }
    }
    const ingressPatch = production.patches?.find((p) => p.target?.kind === 'Ingress');
    const operations = ingressPatch?.path
      ? readOne<{ op: string; path: string; value: string }[]>(join(PRODUCTION, ingressPatch.path))
      : [];
    const hosts = operations.filter((o) => /host/.test(o.path)).map((o) => o.value);
    const baseHost = spec<{ rules: { host: string }[] }>(find(base, 'Ingress', 'gateway')!).rules[0]
      .host;
    if (!hosts.some((host) => host && host !== baseHost))
      problems.push('the Ingress host is not set');
    if (new Set(hosts).size !== 1) problems.push(`the rule's and the TLS's hosts differ: ${hosts}`);
    expect(problems).toEqual([]);
  });
});

describe('NATS (Helm values)', () => {
  it('runs 3 servers with JetStream on volumes, syncing every write, on NATS 2.12.3 or later', () => {
    const values = natsValues as {
      config: {
        cluster: { enabled: boolean; replicas: number };
        jetstream: {
          enabled: boolean;
          fileStore: { enabled: boolean; pvc: { enabled: boolean; size: string } };
          memoryStore?: { enabled: boolean };
          merge?: { sync_interval?: string };
        };
      };
      container: { image: { repository: string; tag: string } };
    };
    const { cluster: natsCluster, jetstream } = values.config;
    expect(natsCluster).toMatchObject({ enabled: true, replicas: 3 });
    expect(jetstream.enabled).toBe(true);
    expect(jetstream.fileStore.enabled).toBe(true);
    expect(jetstream.fileStore.pvc.enabled).toBe(true);
    expect(quantity(jetstream.fileStore.pvc.size)).toBeGreaterThan(0);
    expect(jetstream.memoryStore?.enabled ?? false).toBe(false);
    expect(jetstream.merge?.sync_interval).toBe('always');
    expect(values.container.image.repository).toBe('nats');
    expect(version(values.container.image.tag)).toBeDefined();
    expect(atLeast(version(values.container.image.tag), [2, 12, 3])).toBe(true);
  });
});

describe('PostgreSQL (CloudNativePG)', () => {
  it('is a Cluster of 3 instances on volumes, archived and backed up on a schedule', () => {
    if (!cluster) throw new Error('no Cluster');
    expect(cluster.apiVersion).toBe('postgresql.cnpg.io/v1');
    const clusterSpec = spec<{
      instances: number;
      storage: { size: string };
      plugins?: {
        name: string;
        isWALArchiver?: boolean;
        parameters?: { barmanObjectName?: string };
      }[];
    }>(cluster);
    expect(clusterSpec.instances).toBe(3);
    expect(quantity(clusterSpec.storage.size)).toBeGreaterThan(0);

    const archiver = clusterSpec.plugins?.find((plugin) => plugin.isWALArchiver);
    expect(archiver?.name).toBe('barman-cloud.cloudnative-pg.io');
    const store = postgres.find(
      (m) => m.kind === 'ObjectStore' && m.metadata.name === archiver?.parameters?.barmanObjectName,
    );
    expect(store).toBeDefined();
    const storeSpec = spec<{
      retentionPolicy?: string;
      configuration: { destinationPath: string };
    }>(store!);
    expect(storeSpec.configuration.destinationPath).toMatch(/^(s3|gs|https?):\/\/.+/);
    expect(storeSpec.retentionPolicy).toMatch(/^[1-9][0-9]*[dwm]$/);

    const scheduled = postgres.find((m) => m.kind === 'ScheduledBackup');
    const schedule =
      scheduled &&
      spec<{
        schedule: string;
        cluster: { name: string };
        method: string;
        pluginConfiguration?: { name: string };
      }>(scheduled);
    expect(schedule?.cluster.name).toBe(cluster.metadata.name);
    // CloudNativePG's schedule has six fields, seconds first.
    expect(schedule?.schedule.trim().split(/\s+/)).toHaveLength(6);
    expect(schedule?.method).toBe('plugin');
    expect(schedule?.pluginConfiguration?.name).toBe(archiver?.name);
  });
});

describe('Prometheus rules', () => {
  const file = join(DEPLOY, 'prometheus', 'rules.yaml');
  const contract = [
    'qollqa_outbox_backlog',
    'qollqa_outbox_oldest_age_seconds',
    'qollqa_consumer_pending',
    'qollqa_dead_letters_total',
    'qollqa_redeliveries_total',
    'qollqa_http_request_duration_seconds',
    'qollqa_repayments_total',
    'qollqa_payouts_total',
    'qollqa_last_closed_business_date_timestamp_seconds',
    'qollqa_close_duration_seconds',
  ];

  interface Rule {
    alert?: string;
    expr?: string;
    for?: string;
    labels?: { severity?: string };
    annotations?: { summary?: string; description?: string; runbook?: string };
  }

  it('state the metrics contract and alert on backlog age, lag, dead letters and a missed close', () => {
    const header = readFileSync(file, 'utf8').split('\ngroups:')[0];
    expect(contract.filter((metric) => !header.includes(metric))).toEqual([]);

    const { groups } = readOne<{ groups: { name: string; rules: Rule[] }[] }>(file);
    const rules = groups.flatMap((group) => group.rules);
    const problems: string[] = [];
    for (const rule of rules) {
      const name = rule.alert ?? '(no name)';
      if (!rule.alert || !rule.expr) problems.push(`${name}: no alert name or expression`);
      if (!['warning', 'critical'].includes(rule.labels?.severity ?? ''))
        problems.push(`${name}: severity ${rule.labels?.severity}`);
      for (const annotation of ['summary', 'description', 'runbook'] as const)
        if (!rule.annotations?.[annotation]) problems.push(`${name}: no ${annotation}`);
      let depth = 0;
      for (const char of rule.expr ?? '') {
        depth += char === '(' ? 1 : char === ')' ? -1 : 0;
        if (depth < 0) break;
      }
      if (depth !== 0) problems.push(`${name}: unbalanced parentheses`);
      const metrics = (rule.expr ?? '').match(/qollqa_[a-z_]+/g) ?? [];
      for (const metric of metrics)
        if (!contract.some((known) => metric === known || metric.startsWith(`${known}_`)))
          problems.push(`${name}: ${metric} is not in the contract`);
    }
    expect(problems).toEqual([]);
    expect(new Set(rules.map((r) => r.alert)).size).toBe(rules.length);

    const alertingOn = (metric: string) =>
      rules.filter((rule) => rule.expr?.includes(metric)).map((rule) => rule.alert);
    expect(alertingOn('qollqa_outbox_oldest_age_seconds')).not.toEqual([]);
    expect(alertingOn('qollqa_consumer_pending')).not.toEqual([]);
    expect(alertingOn('qollqa_dead_letters_total')).not.toEqual([]);
    expect(alertingOn('qollqa_last_closed_business_date_timestamp_seconds')).not.toEqual([]);
  });
});

describe('docker compose', () => {
  const compose = readOne<ComposeFile>(join(ROOT, 'docker-compose.yml'));
  const productionCompose = readOne<ComposeFile>(join(DEPLOY, 'compose.production.yml'));

  it('checks the health of every service, each app service on the port it listens on', () => {
    const problems: string[] = [];
    for (const [name, service] of Object.entries(compose.services)) {
      if (!service.healthcheck?.test?.length) problems.push(`${name}: no healthcheck`);
    }
    for (const service of SERVICE_NAMES) {
      const definition = compose.services[service];
      if (!definition) {
        problems.push(`${service}: not in docker-compose.yml`);
        continue;
      }
      const env = Object.fromEntries(
        Object.entries(definition.environment ?? {}).map(([k, v]) => [k, v ?? '']),
      );
      const { port } = loadServiceConfig(service, env);
      const test = definition.healthcheck?.test ?? [];
      if (test.join(' ') !== `CMD node deploy/healthcheck.js ${port}`)
        problems.push(
          `${service}: healthcheck "${test.join(' ')}", the service listens on ${port}`,
        );
      if (definition.command?.join(' ') !== `node dist/apps/${service}/src/main.js`)
        problems.push(`${service}: command "${definition.command?.join(' ')}"`);
    }
    if (!existsSync(join(DEPLOY, 'healthcheck.js')))
      problems.push('deploy/healthcheck.js is missing');
    if (!/^COPY .*deploy\/healthcheck\.js/m.test(readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8')))
      problems.push('the image does not contain deploy/healthcheck.js');
    expect(problems).toEqual([]);
  });

  it('runs NATS 2.12.3 or later with deploy/nats/nats.conf (JetStream, sync_interval always)', () => {
    const nats = compose.services.nats;
    expect(nats.image).toMatch(/^nats:/);
    expect(atLeast(version(nats.image?.split(':')[1]), [2, 12, 3])).toBe(true);
    const configAt = nats.command?.[nats.command.indexOf('--config') + 1];
    expect(configAt).toBeDefined();
    expect(nats.volumes).toContain(`./deploy/nats/nats.conf:${configAt}:ro`);
    const conf = readFileSync(join(DEPLOY, 'nats', 'nats.conf'), 'utf8').replace(/#.*$/gm, '');
    const jetstream = /jetstream\s*\{([^}]*)\}/.exec(conf)?.[1] ?? '';
    expect(jetstream).toMatch(/store_dir:\s*\/data/);
    expect(jetstream).toMatch(/sync_interval:\s*always/);
  });

  it('keeps the demo stack as it was: development, demo data, no secret, no profile', () => {
    for (const service of SERVICE_NAMES) {
      const { environment = {}, profiles } = compose.services[service];
      // A service with a profile would not start with a plain `docker compose up`.
      expect({ service, profiles, ...environment }).toMatchObject({
        service,
        profiles: undefined,
        NODE_ENV: 'development',
        DEMO_DATA: 'true',
      });
      expect(environment.JWT_SECRET).toBeUndefined();
    }
  });

  it('has a production variant: NODE_ENV=production and every secret required from the environment', () => {
    const problems: string[] = [];
    for (const name of Object.keys(productionCompose.services))
      if (!compose.services[name]) problems.push(`${name}: not a service of docker-compose.yml`);
    // No secret is written: each is ${NAME:?message}, required when the variant is used.
    const required = /^\$\{[A-Z_][A-Z0-9_]*:\?[^}]+\}$/;
    for (const [name, service] of Object.entries(productionCompose.services)) {
      for (const [key, value] of Object.entries(service.environment ?? {})) {
        if (SECRET_NAME.test(key) && !required.test(value ?? ''))
          problems.push(`${name}: ${key} is not required from the environment`);
      }
    }
    for (const service of SERVICE_NAMES) {
      const merged = {
        ...compose.services[service].environment,
        ...productionCompose.services[service]?.environment,
      };
      if (merged.NODE_ENV !== 'production')
        problems.push(`${service}: NODE_ENV ${merged.NODE_ENV}`);
      if (merged.DEMO_DATA !== 'false') problems.push(`${service}: DEMO_DATA ${merged.DEMO_DATA}`);
      // What the service gets once the variables are given: its configuration loads.
      const env = Object.fromEntries(
        Object.entries(merged).map(([k, v]) => [
          k,
          required.test(v ?? '') ? SECRET_STAND_IN : (v ?? ''),
        ]),
      );
      try {
        loadServiceConfig(service, env);
      } catch (err) {
        problems.push(`${service}: ${(err as Error).message}`);
      }
    }
    const database = productionCompose.services.postgres;
    if (!required.test(database?.environment?.POSTGRES_PASSWORD ?? ''))
      problems.push('postgres: no required POSTGRES_PASSWORD');
    if (database?.environment?.POSTGRES_HOST_AUTH_METHOD === 'trust')
      problems.push('postgres: trust authentication');
    // The demo's data never becomes production's: other volumes.
    const demoVolumes = new Set(Object.keys(compose.volumes ?? {}));
    for (const name of ['postgres', 'nats']) {
      const volumes = (productionCompose.services[name]?.volumes ?? []).map((v) => v.split(':')[0]);
      if (volumes.length === 0 || volumes.some((v) => demoVolumes.has(v)))
        problems.push(`${name}: shares the demo's volume`);
      if ((productionCompose.services[name]?.ports ?? ['published']).length > 0)
        problems.push(`${name}: its port is published`);
    }
    expect(problems).toEqual([]);
  });
});

describe('the image', () => {
  it('runs on a supported Node LTS as a non-root user, while package.json still allows Node 20', () => {
    const dockerfile = readFileSync(join(DEPLOY, 'Dockerfile'), 'utf8');
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)/gm)].map((m) => Number(m[1]));
    expect(majors.length).toBeGreaterThan(0);
    for (const major of majors) {
      expect(major).toBeGreaterThanOrEqual(22);
      expect(major % 2).toBe(0); // even majors are the LTS lines
    }
    const users = [...dockerfile.matchAll(/^USER\s+(\S+)/gm)].map((m) => m[1]);
    expect(users.at(-1)).toBeDefined();
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    const engines = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).engines.node;
    expect(engines).toMatch(/>=\s*20\./);
  });
});
