// The sweep worker from source: loads TypeScript under tsx (tests and `node --import tsx`).
import { register } from 'tsx/esm/api';

register();
const worker = await import('./worker.ts');
export default worker.default;
