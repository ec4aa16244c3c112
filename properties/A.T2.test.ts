import claim from '../src/claims/catalogue/A.T2.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
