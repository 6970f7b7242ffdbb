import DataLoader from 'dataloader';
import { In } from 'typeorm';
import { byIdLoader, groupByIds, type LoaderFactory } from '../graphql/request-loaders.js';
import { ProjectKey } from './project-key.entity.js';
import { Project } from './project.entity.js';

export const projectById = byIdLoader(Project);

export const keysByProject: LoaderFactory<number, ProjectKey[]> = (db) =>
  new DataLoader(async (ids) => {
    const keys = await db.getRepository(ProjectKey).find({ where: { projectId: In([...ids]) }, order: { id: 'ASC' } });
    return groupByIds(keys, (k) => k.projectId, ids);
  });
