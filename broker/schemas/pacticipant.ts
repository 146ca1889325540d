// Bodies of pacticipant writes (POST /pacticipants, PUT/PATCH /pacticipants/{name}).
import { z } from 'zod';
import { freeText, nameText } from './common.ts';

// The Pact Broker's rules: no field spans lines, a main branch has no spaces, names are not blank.
const oneLine = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine((text) => !/[\r\n]/.test(text), 'cannot contain a new line');

const fields = {
  displayName: oneLine(nameText('displayName')).nullish(),
  mainBranch: oneLine(nameText('mainBranch'))
    .refine((text) => !/\s/.test(text), 'cannot contain spaces')
    .nullish(),
  repositoryUrl: oneLine(freeText('repositoryUrl', 2000)).nullish(),
  repositoryName: oneLine(freeText('repositoryName', 255)).nullish(),
  repositoryNamespace: oneLine(freeText('repositoryNamespace', 255)).nullish(),
};

export const createPacticipantSchema = z.object({ name: oneLine(nameText('name')), ...fields });
export const updatePacticipantSchema = z.object({ name: oneLine(nameText('name')).optional(), ...fields });

export type PacticipantUpdate = z.infer<typeof updatePacticipantSchema>;
