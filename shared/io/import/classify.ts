// What a container image (or a workload's name) says it is: a store, a cache, a broker, a proxy,
// a load generator, an observability tool, or an ordinary service. The same rules serve
// Kubernetes and Compose.

export type Role =
  'service' | 'database' | 'cache' | 'queue' | 'gateway' | 'client' | 'observability';

const BY_NAME: Record<Exclude<Role, 'service'>, readonly string[]> = {
  database: [
    'postgres',
    'postgresql',
    'postgis',
    'mysql',
    'mariadb',
    'mongo',
    'mongodb',
    'cassandra',
    'scylla',
    'cockroach',
    'cockroachdb',
    'couchdb',
    'couchbase',
    'elasticsearch',
    'opensearch',
    'neo4j',
    'clickhouse-server',
    'clickhouse',
    'timescaledb',
    'mssql-server',
    'oracle',
    'dynamodb-local',
    'etcd',
    'zookeeper',
    'minio',
  ],
  cache: ['redis', 'redis-stack', 'valkey', 'keydb', 'memcached', 'dragonfly', 'hazelcast'],
  queue: [
    'kafka',
    'cp-kafka',
    'cp-server',
    'redpanda',
    'rabbitmq',
    'nats',
    'nats-streaming',
    'nsq',
    'activemq',
    'artemis',
    'pulsar',
    'emqx',
    'mosquitto',
  ],
  gateway: [
    'nginx',
    'nginx-unprivileged',
    'openresty',
    'envoy',
    'traefik',
    'kong',
    'haproxy',
    'ingress-nginx',
    'controller',
  ],
  client: ['loadgenerator', 'load-generator', 'locust', 'k6', 'vegeta', 'hey', 'wrk', 'artillery'],
  observability: [
    'jaeger',
    'all-in-one',
    'jaeger-agent',
    'jaeger-collector',
    'opentelemetry-collector',
    'opentelemetry-collector-contrib',
    'otel-collector',
    'prometheus',
    'alertmanager',
    'node-exporter',
    'pushgateway',
    'grafana',
    'loki',
    'promtail',
    'tempo',
    'zipkin',
    'fluentd',
    'fluent-bit',
    'vector',
  ],
};

/** `docker.io/bitnami/redis:7.2@sha256:…` → `redis`. */
export function imageBase(image: string): string {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.split('/').pop() ?? noDigest;
  return (last.split(':')[0] ?? last).toLowerCase();
}

/** `redis:7.2` → `7.2`; no tag → undefined. */
export function imageTag(image: string): string | undefined {
  const noDigest = image.split('@')[0] ?? image;
  const last = noDigest.split('/').pop() ?? noDigest;
  const tag = last.split(':')[1];
  return tag === undefined || tag === '' ? undefined : tag;
}

const ROLES = Object.keys(BY_NAME) as Exclude<Role, 'service'>[];

function roleOfWord(word: string): Role | undefined {
  if (word === '') return undefined;
  // ingress-nginx's image is `controller`: only the full registry path says what it is.
  return ROLES.find((r) => BY_NAME[r].includes(word));
}

/** The role of a container image; the workload's name decides load generators too. */
export function roleOf(image: string | undefined, workloadName: string): Role {
  if (image !== undefined) {
    const base = imageBase(image);
    if (base === 'controller' && !/ingress-nginx/.test(image)) return 'service';
    const byImage = roleOfWord(base);
    if (byImage !== undefined) return byImage;
    if (/(^|\/)otel\//.test(image) || /opentelemetry/.test(image)) return 'observability';
    if (/jaegertracing\//.test(image)) return 'observability';
  }
  const name = workloadName.toLowerCase();
  if (BY_NAME.client.includes(name) || /load-?gen/.test(name)) return 'client';
  return 'service';
}

/** Images that run beside the main container and are not part of the request path. */
export function isSidecar(image: string, name: string): boolean {
  const base = imageBase(image);
  return (
    name === 'istio-proxy' ||
    base === 'proxyv2' ||
    base === 'linkerd-proxy' ||
    roleOf(image, name) === 'observability' ||
    /cloudsql-proxy|cloud-sql-proxy/.test(base)
  );
}
