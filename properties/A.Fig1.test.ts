import claim from '../src/claims/catalogue/A.Fig1.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
