import claim from '../src/claims/catalogue/A.L9.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
