import type { User, UserFromGetMe } from 'grammy/types';

/** The person at the terminal: the owner of a local bot. */
export const LOCAL_USER: User = { id: 1, is_bot: false, first_name: 'You' };

/** Who the bot is in local mode, so grammY never calls getMe. */
export const LOCAL_BOT_INFO: UserFromGetMe = {
  id: 1_000_000,
  is_bot: true,
  first_name: 'Countersign',
  username: 'countersign_local_bot',
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

/** grammY wants a token-shaped string; in local mode no request ever leaves the process. */
export const LOCAL_TOKEN = 'local';
