//! The coder: the name recorded as `by` on everything an analyst makes. Which name wins is
//! decided here (the config's `coder`, else git's `user.name`, else `$USER`); reading those
//! (a file, a program, the environment) is the caller's, at the edge of the program, so
//! that `update` and the operations only ever receive a name.

/// A name fit to record: trimmed, not empty, on one line, without control characters.
pub fn clean(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty() && !name.chars().any(char::is_control)).then(|| name.to_owned())
}

/// The coder from the candidates in order of precedence: the configured name, git's
/// `user.name`, the login name. The first usable one wins; empty when none is.
pub fn choose(configured: Option<&str>, git_user: Option<&str>, login: Option<&str>) -> String {
    [configured, git_user, login]
        .into_iter()
        .flatten()
        .find_map(clean)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_configured_coder_wins_then_git_then_the_login() {
        assert_eq!(choose(Some("ana"), Some("Ana Lima"), Some("al")), "ana");
        assert_eq!(choose(None, Some(" Ana Lima\n"), Some("al")), "Ana Lima");
        assert_eq!(choose(None, Some("  "), Some("al")), "al");
        assert_eq!(choose(None, None, None), "");
    }

    #[test]
    fn a_name_with_control_characters_is_not_a_name() {
        assert_eq!(clean("a\u{1b}[31m"), None);
        assert_eq!(clean(" ben "), Some("ben".to_owned()));
    }
}
