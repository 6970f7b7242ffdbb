import { byIdLoader } from '../graphql/request-loaders.js';
import { User } from './user.entity.js';

export const userById = byIdLoader(User);
