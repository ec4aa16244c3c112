import claim from '../src/claims/catalogue/A.T1a.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
