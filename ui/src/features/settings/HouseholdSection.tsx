import { useState } from "react";
import {
  Alert,
  Box,
  Button,
  Chip,
  List,
  ListItem,
  ListItemText,
  Skeleton,
  Stack,
} from "@mui/material";
import PersonAddOutlined from "@mui/icons-material/PersonAddOutlined";
import { useTranslation } from "react-i18next";
import { useToast } from "../../components/toasts";
import type { SessionUser } from "../auth/api";
import { isUnavailable, type Member } from "./api";
import { AddMemberDialog } from "./AddMemberDialog";
import { useMembers, useUpdateMember } from "./hooks";
import { Section } from "./Section";

/** Admin only: the household's accounts; add members, disable or enable them. */
export function HouseholdSection({ user }: { user: SessionUser }) {
  const { t } = useTranslation("settings");
  const toast = useToast();
  const members = useMembers(user.is_admin);
  const update = useUpdateMember();
  const [adding, setAdding] = useState(false);

  const toggle = (member: Member) =>
    update.mutate(
      { id: member.id, update: { is_active: !member.is_active } },
      { onError: (error) => toast.error(error) },
    );

  let body;
  if (members.isPending) {
    body = <Skeleton variant="rounded" height={72} aria-label={t("common:loading")} />;
  } else if (members.isError) {
    body = (
      <Alert severity={isUnavailable(members.error) ? "info" : "error"}>
        {isUnavailable(members.error) ? t("unavailable") : members.error.message}
      </Alert>
    );
  } else {
    body = (
      <List disablePadding aria-labelledby="settings-household">
        {members.data.map((member) => (
          <ListItem
            key={member.id}
            divider
            disableGutters
            sx={{ flexWrap: "wrap", gap: 1 }}
            secondaryAction={
              member.id === user.id ? undefined : (
                <Button
                  size="small"
                  color={member.is_active ? "warning" : "primary"}
                  disabled={update.isPending}
                  onClick={() => toggle(member)}
                >
                  {member.is_active ? t("household.disable") : t("household.enable")}
                </Button>
              )
            }
          >
            <ListItemText
              primary={
                <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
                  <span>{member.display_name || member.email}</span>
                  {member.is_admin && <Chip size="small" label={t("household.admin")} />}
                  {!member.is_active && (
                    <Chip size="small" color="warning" label={t("household.disabled")} />
                  )}
                </Stack>
              }
              secondary={member.email}
              slotProps={{ primary: { component: "div" } }}
              sx={{ pr: 12, minWidth: 0, overflowWrap: "anywhere" }}
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return (
    <Section id="settings-household" title={t("household.title")}>
      {body}
      <Box sx={{ mt: 2 }}>
        <Button
          startIcon={<PersonAddOutlined />}
          variant="outlined"
          onClick={() => setAdding(true)}
          disabled={members.isError}
        >
          {t("household.add")}
        </Button>
      </Box>
      <AddMemberDialog open={adding} onClose={() => setAdding(false)} />
    </Section>
  );
}
