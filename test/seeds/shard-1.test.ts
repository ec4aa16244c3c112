import { describeSeedShard } from './run-seeds.ts';

// The catalogue's quick profile under seeds from the commit, first half of the (seed, claim) runs: see run-seeds.ts.
describeSeedShard(0);
