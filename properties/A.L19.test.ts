import claim from '../src/claims/catalogue/A.L19.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
