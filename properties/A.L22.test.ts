import claim from '../src/claims/catalogue/A.L22.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
