import claim from '../src/claims/catalogue/A.L17.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
