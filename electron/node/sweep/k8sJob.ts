// A sweep as a Kubernetes Indexed Job: each pod runs the shard named by its completion index
// (JOB_COMPLETION_INDEX), a failed shard is retried alone (backoffLimitPerIndex), and the
// document travels in a ConfigMap mounted into every pod. Both objects are checked against the
// Kubernetes OpenAPI schema by kubernetes-models before they are written.
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { stringify } from 'yaml';

export interface JobArgs {
  /** The document as written in its file. */
  documentText: string;
  documentName: string;
  scenario: string;
  image: string;
  parallelism: number;
  /** Shards (completions); default: parallelism. */
  shards?: number | undefined;
  /** Worker threads in each pod (its CPU request too). */
  jobs?: number | undefined;
  confirmed?: boolean | undefined;
}

const CONFIGMAP_LIMIT = 1024 * 1024;
export const DOCUMENT_KEY = 'document.archlab.json';
const MOUNT = '/sweep';

/** A DNS-1123 label from a document's name, short enough for the Job's pod labels. */
export function jobName(documentName: string): string {
  const slug = documentName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return `archlab-sweep${slug === '' ? '' : `-${slug}`}`;
}

/** The ConfigMap and the Indexed Job as one multi-document YAML text. */
export function emitK8sJob(a: JobArgs): string {
  if (Buffer.byteLength(a.documentText) > CONFIGMAP_LIMIT - 1024)
    throw new Error(
      `the document is ${Buffer.byteLength(a.documentText)} bytes; a ConfigMap holds at most 1 MiB`,
    );
  const name = jobName(a.documentName);
  const shards = a.shards ?? a.parallelism;
  const jobs = a.jobs ?? 1;
  const labels = { 'app.kubernetes.io/name': 'archlab-sweep', 'app.kubernetes.io/instance': name };
  const configMap = new ConfigMap({
    metadata: { name, labels },
    data: { [DOCUMENT_KEY]: a.documentText },
  });
  const args = [
    'sweep',
    `${MOUNT}/${DOCUMENT_KEY}`,
    '--scenario',
    a.scenario,
    '--shard',
    `$(JOB_COMPLETION_INDEX)/${shards}`,
    '--jobs',
    String(jobs),
    '--out',
    '-',
    '--quiet',
    ...(a.confirmed === true ? ['--yes'] : []),
  ];
  const job = new Job({
    metadata: { name, labels },
    spec: {
      completionMode: 'Indexed',
      completions: shards,
      parallelism: Math.min(a.parallelism, shards),
      backoffLimitPerIndex: 2,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          containers: [
            {
              name: 'sweep',
              image: a.image,
              args,
              resources: {
                requests: { cpu: String(jobs), memory: '512Mi' },
                limits: { memory: '2Gi' },
              },
              volumeMounts: [{ name: 'document', mountPath: MOUNT, readOnly: true }],
            },
          ],
          volumes: [{ name: 'document', configMap: { name } }],
        },
      },
    },
  });
  configMap.validate();
  job.validate();
  return [configMap, job].map((o) => stringify(o.toJSON())).join('---\n');
}
