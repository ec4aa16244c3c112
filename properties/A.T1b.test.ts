import claim from '../src/claims/catalogue/A.T1b.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
