import claim from '../src/claims/catalogue/A.T4.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
