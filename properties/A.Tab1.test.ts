import claim from '../src/claims/catalogue/A.Tab1.ts';
import { describeClaim } from './harness.ts';

describeClaim(claim);
