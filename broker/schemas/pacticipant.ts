// Bodies of pacticipant writes (POST /pacticipants, PUT/PATCH /pacticipants/{name}).
import { z } from 'zod';
import { freeText, nameText } from './common.ts';

const fields = {
  displayName: freeText('displayName', 255).nullish(),
  mainBranch: nameText('mainBranch').nullish(),
  repositoryUrl: freeText('repositoryUrl', 2000).nullish(),
  repositoryName: freeText('repositoryName', 255).nullish(),
  repositoryNamespace: freeText('repositoryNamespace', 255).nullish(),
};

export const createPacticipantSchema = z.object({ name: nameText('name'), ...fields });
export const updatePacticipantSchema = z.object({ name: nameText('name').optional(), ...fields });

export type PacticipantUpdate = z.infer<typeof updatePacticipantSchema>;
