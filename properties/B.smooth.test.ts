import claim from '../src/claims/catalogue/B.smooth.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
