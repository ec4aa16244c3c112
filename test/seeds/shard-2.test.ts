import { describeSeedShard } from './run-seeds.ts';

// The catalogue's quick profile under seeds from the commit, second half of the (seed, claim) runs: see run-seeds.ts.
describeSeedShard(1);
