//! What a command found, for `main` to turn into the exit code: the exit
//! policy is written once, there, and no command picks a number itself.

/// What a command that ran to its end found (an error is not an outcome:
/// it is `Err`, exit 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done, with what was asked for: exit 0.
    Success,
    /// Looked and found nothing: a search without a hit, a reference that
    /// names no article (then a letter or merged line is not written): exit 1.
    NothingFound,
    /// Checked and found something wrong: a citation that is not ok, a
    /// damaged index: exit 1.
    ProblemsFound,
    /// The interactive screen was ended by this signal: exit 128 + signal,
    /// the shell's convention.
    Signalled(i32),
}

impl Outcome {
    /// [`Outcome::Success`] if something was found, else [`Outcome::NothingFound`].
    pub fn found(found: bool) -> Outcome {
        if found {
            Outcome::Success
        } else {
            Outcome::NothingFound
        }
    }

    /// [`Outcome::Success`] if a check passed, else [`Outcome::ProblemsFound`].
    pub fn checked(sound: bool) -> Outcome {
        if sound {
            Outcome::Success
        } else {
            Outcome::ProblemsFound
        }
    }
}
