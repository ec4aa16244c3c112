import claim from '../src/claims/catalogue/B.descent.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
