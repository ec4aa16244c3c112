import claim from '../src/claims/catalogue/A.L5.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
