import claim from '../src/claims/catalogue/A.L8.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
