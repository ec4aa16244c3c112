/** The atomic write lives in the lowest folder (src/util) so that reproduce/ can use it without depending on report/. */
export { writeFileAtomic } from '../util/atomic.ts';
