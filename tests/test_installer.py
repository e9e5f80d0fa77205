"""The installers' sources agree with each other and with the application (no build here: building
and installing is ``installer/linux/smoke.sh``)."""

from __future__ import annotations

import configparser
import importlib.util
import re
import struct
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
INSTALLER = ROOT / "installer"
ISS = INSTALLER / "windows" / "oralman-desk.iss"
KAZAKH_ISL = INSTALLER / "windows" / "Kazakh.isl"
SPEC = INSTALLER / "oralman-desk.spec"
DESKTOP = INSTALLER / "linux" / "oralman-desk.desktop"
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")

# Every message of Inno Setup 6.5's Default.isl, with the placeholders its text carries: a
# translation must keep them (the order may change). Messages Default.isl leaves empty may stay
# empty. Russian.isl, shipped with Inno Setup, defines the same names.
P1, P12, P123 = ("%1",), ("%1", "%2"), ("%1", "%2", "%3")
NAME = ("[name]",)
MAY_BE_EMPTY = {"HelpTextNote", "BeveledLabel", "AboutSetupNote", "TranslatorNote"}
MESSAGES: dict[str, tuple[str, ...]] = {
    "SetupAppTitle": (), "SetupWindowTitle": P1, "UninstallAppTitle": (),
    "UninstallAppFullTitle": P1, "InformationTitle": (), "ConfirmTitle": (), "ErrorTitle": (),
    "SetupLdrStartupMessage": P1, "LdrCannotCreateTemp": (), "LdrCannotExecTemp": (),
    "HelpTextNote": (), "LastErrorMessage": P123, "SetupFileMissing": P1, "SetupFileCorrupt": (),
    "SetupFileCorruptOrWrongVer": (), "InvalidParameter": P1, "SetupAlreadyRunning": (),
    "WindowsVersionNotSupported": (), "WindowsServicePackRequired": P12, "NotOnThisPlatform": P1,
    "OnlyOnThisPlatform": P1, "OnlyOnTheseArchitectures": P1, "WinVersionTooLowError": P12,
    "WinVersionTooHighError": P12, "AdminPrivilegesRequired": (),
    "PowerUserPrivilegesRequired": (), "SetupAppRunningError": P1, "UninstallAppRunningError": P1,
    "PrivilegesRequiredOverrideTitle": (), "PrivilegesRequiredOverrideInstruction": (),
    "PrivilegesRequiredOverrideText1": P1, "PrivilegesRequiredOverrideText2": P1,
    "PrivilegesRequiredOverrideAllUsers": (), "PrivilegesRequiredOverrideAllUsersRecommended": (),
    "PrivilegesRequiredOverrideCurrentUser": (),
    "PrivilegesRequiredOverrideCurrentUserRecommended": (), "ErrorCreatingDir": P1,
    "ErrorTooManyFilesInDir": P1, "ExitSetupTitle": (), "ExitSetupMessage": (),
    "AboutSetupMenuItem": (), "AboutSetupTitle": (), "AboutSetupMessage": ("%1", "%2", "%3", "%4"),
    "AboutSetupNote": (), "TranslatorNote": (), "ButtonBack": (), "ButtonNext": (),
    "ButtonInstall": (), "ButtonOK": (), "ButtonCancel": (), "ButtonYes": (), "ButtonYesToAll": (),
    "ButtonNo": (), "ButtonNoToAll": (), "ButtonFinish": (), "ButtonBrowse": (),
    "ButtonWizardBrowse": (), "ButtonNewFolder": (), "SelectLanguageTitle": (),
    "SelectLanguageLabel": (), "ClickNext": (), "BeveledLabel": (), "BrowseDialogTitle": (),
    "BrowseDialogLabel": (), "NewFolderName": (), "WelcomeLabel1": NAME,
    "WelcomeLabel2": ("[name/ver]",), "WizardPassword": (), "PasswordLabel1": (),
    "PasswordLabel3": (), "PasswordEditLabel": (), "IncorrectPassword": (), "WizardLicense": (),
    "LicenseLabel": (), "LicenseLabel3": (), "LicenseAccepted": (), "LicenseNotAccepted": (),
    "WizardInfoBefore": (), "InfoBeforeLabel": (), "InfoBeforeClickLabel": (),
    "WizardInfoAfter": (), "InfoAfterLabel": (), "InfoAfterClickLabel": (), "WizardUserInfo": (),
    "UserInfoDesc": (), "UserInfoName": (), "UserInfoOrg": (), "UserInfoSerial": (),
    "UserInfoNameRequired": (), "WizardSelectDir": (), "SelectDirDesc": NAME,
    "SelectDirLabel3": NAME, "SelectDirBrowseLabel": (), "DiskSpaceGBLabel": ("[gb]",),
    "DiskSpaceMBLabel": ("[mb]",), "CannotInstallToNetworkDrive": (),
    "CannotInstallToUNCPath": (), "InvalidPath": (), "InvalidDrive": (),
    "DiskSpaceWarningTitle": (), "DiskSpaceWarning": P12, "DirNameTooLong": (),
    "InvalidDirName": (), "BadDirName32": P1, "DirExistsTitle": (), "DirExists": P1,
    "DirDoesntExistTitle": (), "DirDoesntExist": P1, "WizardSelectComponents": (),
    "SelectComponentsDesc": (), "SelectComponentsLabel2": (), "FullInstallation": (),
    "CompactInstallation": (), "CustomInstallation": (), "NoUninstallWarningTitle": (),
    "NoUninstallWarning": P1, "ComponentSize1": P1, "ComponentSize2": P1,
    "ComponentsDiskSpaceGBLabel": ("[gb]",), "ComponentsDiskSpaceMBLabel": ("[mb]",),
    "WizardSelectTasks": (), "SelectTasksDesc": (), "SelectTasksLabel2": NAME,
    "WizardSelectProgramGroup": (), "SelectStartMenuFolderDesc": (),
    "SelectStartMenuFolderLabel3": (), "SelectStartMenuFolderBrowseLabel": (),
    "MustEnterGroupName": (), "GroupNameTooLong": (), "InvalidGroupName": (), "BadGroupName": P1,
    "NoProgramGroupCheck2": (), "WizardReady": (), "ReadyLabel1": NAME, "ReadyLabel2a": (),
    "ReadyLabel2b": (), "ReadyMemoUserInfo": (), "ReadyMemoDir": (), "ReadyMemoType": (),
    "ReadyMemoComponents": (), "ReadyMemoGroup": (), "ReadyMemoTasks": (),
    "DownloadingLabel2": (), "ButtonStopDownload": (), "StopDownload": (),
    "ErrorDownloadAborted": (), "ErrorDownloadFailed": P12, "ErrorDownloadSizeFailed": P12,
    "ErrorProgress": P12, "ErrorFileSize": P12, "ExtractingLabel": (),
    "ButtonStopExtraction": (), "StopExtraction": (), "ErrorExtractionAborted": (),
    "ErrorExtractionFailed": P1, "ArchiveIncorrectPassword": (), "ArchiveIsCorrupted": (),
    "ArchiveUnsupportedFormat": (), "WizardPreparing": (), "PreparingDesc": NAME,
    "PreviousInstallNotCompleted": NAME, "CannotContinue": (), "ApplicationsFound": (),
    "ApplicationsFound2": (), "CloseApplications": (), "DontCloseApplications": (),
    "ErrorCloseApplications": (), "PrepareToInstallNeedsRestart": NAME, "WizardInstalling": (),
    "InstallingLabel": NAME, "FinishedHeadingLabel": NAME, "FinishedLabelNoIcons": NAME,
    "FinishedLabel": NAME, "ClickFinish": (), "FinishedRestartLabel": NAME,
    "FinishedRestartMessage": NAME, "ShowReadmeCheck": (), "YesRadio": (), "NoRadio": (),
    "RunEntryExec": P1, "RunEntryShellExec": P1, "ChangeDiskTitle": (), "SelectDiskLabel2": P1,
    "PathLabel": (), "FileNotInDir2": P12, "SelectDirectoryLabel": (), "SetupAborted": (),
    "AbortRetryIgnoreSelectAction": (), "AbortRetryIgnoreRetry": (),
    "AbortRetryIgnoreIgnore": (), "AbortRetryIgnoreCancel": (), "RetryCancelSelectAction": (),
    "RetryCancelRetry": (), "RetryCancelCancel": (), "StatusClosingApplications": (),
    "StatusCreateDirs": (), "StatusExtractFiles": (), "StatusDownloadFiles": (),
    "StatusCreateIcons": (), "StatusCreateIniEntries": (), "StatusCreateRegistryEntries": (),
    "StatusRegisterFiles": (), "StatusSavingUninstall": (), "StatusRunProgram": (),
    "StatusRestartingApplications": (), "StatusRollback": (), "ErrorInternal2": P1,
    "ErrorFunctionFailedNoCode": P1, "ErrorFunctionFailed": P12,
    "ErrorFunctionFailedWithMessage": P123, "ErrorExecutingProgram": P1, "ErrorRegOpenKey": P12,
    "ErrorRegCreateKey": P12, "ErrorRegWriteKey": P12, "ErrorIniEntry": P1,
    "FileAbortRetryIgnoreSkipNotRecommended": (), "FileAbortRetryIgnoreIgnoreNotRecommended": (),
    "SourceIsCorrupted": (), "SourceDoesntExist": P1, "SourceVerificationFailed": P1,
    "VerificationSignatureDoesntExist": P1, "VerificationSignatureInvalid": P1,
    "VerificationKeyNotFound": P1, "VerificationFileNameIncorrect": (),
    "VerificationFileTagIncorrect": (), "VerificationFileSizeIncorrect": (),
    "VerificationFileHashIncorrect": (), "ExistingFileReadOnly2": (),
    "ExistingFileReadOnlyRetry": (), "ExistingFileReadOnlyKeepExisting": (),
    "ErrorReadingExistingDest": (), "FileExistsSelectAction": (), "FileExists2": (),
    "FileExistsOverwriteExisting": (), "FileExistsKeepExisting": (),
    "FileExistsOverwriteOrKeepAll": (), "ExistingFileNewerSelectAction": (),
    "ExistingFileNewer2": (), "ExistingFileNewerOverwriteExisting": (),
    "ExistingFileNewerKeepExisting": (), "ExistingFileNewerOverwriteOrKeepAll": (),
    "ErrorChangingAttr": (), "ErrorCreatingTemp": (), "ErrorReadingSource": (), "ErrorCopying": (),
    "ErrorDownloading": (), "ErrorExtracting": (), "ErrorReplacingExistingFile": (),
    "ErrorRestartReplace": (), "ErrorRenamingTemp": (), "ErrorRegisterServer": P1,
    "ErrorRegSvr32Failed": P1, "ErrorRegisterTypeLib": P1, "UninstallDisplayNameMark": P12,
    "UninstallDisplayNameMarks": P123, "UninstallDisplayNameMark32Bit": (),
    "UninstallDisplayNameMark64Bit": (), "UninstallDisplayNameMarkAllUsers": (),
    "UninstallDisplayNameMarkCurrentUser": (), "ErrorOpeningReadme": (),
    "ErrorRestartingComputer": (), "UninstallNotFound": P1, "UninstallOpenError": P1,
    "UninstallUnsupportedVer": P1, "UninstallUnknownEntry": P1, "ConfirmUninstall": P1,
    "UninstallOnlyOnWin64": (), "OnlyAdminCanUninstall": (), "UninstallStatusLabel": P1,
    "UninstalledAll": P1, "UninstalledMost": P1, "UninstalledAndNeedsRestart": P1,
    "UninstallDataCorrupted": P1, "ConfirmDeleteSharedFileTitle": (),
    "ConfirmDeleteSharedFile2": (), "SharedFileNameLabel": (), "SharedFileLocationLabel": (),
    "WizardUninstalling": (), "StatusUninstalling": P1, "ShutdownBlockReasonInstallingApp": P1,
    "ShutdownBlockReasonUninstallingApp": P1,
}  # fmt: skip
STANDARD_CUSTOM_MESSAGES: dict[str, tuple[str, ...]] = {
    "NameAndVersion": P12, "AdditionalIcons": (), "CreateDesktopIcon": (),
    "CreateQuickLaunchIcon": (), "ProgramOnTheWeb": P1, "UninstallProgram": P1,
    "LaunchProgram": P1, "AssocFileExtension": P12, "AssocingFileExtension": P12,
    "AutoStartProgramGroupDescription": (), "AutoStartProgram": P1,
    "AddonHostProgramNotFound": P1,
}  # fmt: skip
PLACEHOLDER = re.compile(r"%\d|\[(?:name|name/ver|mb|gb)\]")


def isl_sections(path: Path) -> dict[str, dict[str, str]]:
    """An Inno Setup .isl/.iss section → {name: value}; comments and blank lines skipped."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(";"):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            current = sections.setdefault(stripped[1:-1], {})
        elif current is not None and "=" in line:
            name, value = line.split("=", 1)
            current[name.strip()] = value.strip()
    return sections


def load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def project_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return str(tomllib.load(fh)["project"]["version"])


# ---- Kazakh.isl -----------------------------------------------------------------------------------


def test_kazakh_isl_is_utf8_with_a_bom_and_names_its_language() -> None:
    assert KAZAKH_ISL.read_bytes().startswith(b"\xef\xbb\xbf"), "Inno Setup needs the BOM"
    lang = isl_sections(KAZAKH_ISL)["LangOptions"]
    assert lang["LanguageID"] == "$043F"  # kk-KZ
    assert set(lang["LanguageName"]) & KAZAKH_LETTERS


@pytest.mark.parametrize(
    ("section", "wanted"),
    [("Messages", MESSAGES), ("CustomMessages", STANDARD_CUSTOM_MESSAGES)],
)
def test_kazakh_isl_defines_every_message_in_kazakh_with_its_placeholders(
    section: str, wanted: dict[str, tuple[str, ...]]
) -> None:
    got = isl_sections(KAZAKH_ISL)[section]
    assert sorted(set(wanted) - set(got)) == [], "missing messages"
    assert sorted(set(got) - set(wanted)) == [], "names Inno Setup does not know"
    for name, placeholders in wanted.items():
        text = got[name]
        if name in MAY_BE_EMPTY:
            continue
        assert text, name
        assert sorted(set(PLACEHOLDER.findall(text))) == sorted(placeholders), (name, text)
        assert text.count("&") <= 1, (name, text)
        # Written in Kazakh, not an English leftover (only "OK" has no Cyrillic at all).
        if any(c.isalpha() for c in text) and name != "ButtonOK":
            assert re.search("[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]", text), (name, text)


# ---- the Inno Setup script ----------------------------------------------------------------------


def test_the_iss_takes_its_version_from_build_py_which_reads_pyproject() -> None:
    iss = ISS.read_text(encoding="utf-8-sig")
    assert ISS.read_bytes().startswith(b"\xef\xbb\xbf")
    assert re.search(r"#ifndef AppVersion\s+#error", iss)
    assert "AppVersion={#AppVersion}" in iss
    build = load(INSTALLER / "build.py", "installer_build")
    command = build.iscc_command(Path("ISCC.exe"), build.project_version(), Path("bundle"))
    assert f"/DAppVersion={project_version()}" in command
    assert command[-1] == str(ISS)


def test_the_iss_installs_per_user_and_keeps_its_app_id_for_upgrades() -> None:
    setup = isl_sections(ISS)["Setup"]
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["PrivilegesRequiredOverridesAllowed"] == "dialog"
    assert setup["AppId"] == "{{B7A348F0-CDC5-47DA-95CD-4ECA3E625519}", "never change the AppId"
    iss = ISS.read_text(encoding="utf-8-sig")
    assert 'Name: "kk"; MessagesFile: "Kazakh.isl"' in iss
    assert 'Name: "ru"; MessagesFile: "compiler:Languages\\Russian.isl"' in iss
    # The data folder the uninstaller offers to delete is the one the application uses.
    assert "DataFolderName = 'OralmanDesk'" in iss
    assert "DatabaseFile = 'oralman_desk.db'" in iss
    from oralman_desk import paths

    assert paths.APP_NAME == "OralmanDesk"
    assert paths.DB_FILENAME == "oralman_desk.db"


def test_every_custom_message_the_iss_uses_exists_in_kazakh_and_russian() -> None:
    iss = ISS.read_text(encoding="utf-8-sig")
    used = set(re.findall(r"\{cm:(\w+)", iss)) | set(re.findall(r"CustomMessage\('(\w+)'\)", iss))
    own = isl_sections(ISS)["CustomMessages"]
    kazakh_standard = isl_sections(KAZAKH_ISL)["CustomMessages"]
    assert used
    for name in used:
        if name in STANDARD_CUSTOM_MESSAGES:  # Russian.isl has them; Kazakh.isl is tested above
            assert name in kazakh_standard
            continue
        for lang in ("kk", "ru"):
            assert own.get(f"{lang}.{name}"), f"{lang}.{name}"
        assert set(own[f"kk.{name}"]) & KAZAKH_LETTERS, name
        assert PLACEHOLDER.findall(own[f"kk.{name}"]) == PLACEHOLDER.findall(own[f"ru.{name}"])


# ---- the PyInstaller spec -----------------------------------------------------------------------


def test_the_spec_puts_data_files_where_the_application_looks_for_them() -> None:
    from oralman_desk import i18n
    from oralman_desk.db import migrate
    from oralman_desk.version import DISTRIBUTION
    from reports import definitions, fonts

    spec = SPEC.read_text(encoding="utf-8")
    for folder in (migrate.MIGRATIONS_DIR, definitions.FOLDER, i18n.i18n_dir()):
        rel = folder.relative_to(ROOT).as_posix()
        assert f'"{rel}"' in spec, rel
    assert f'collect_data_files("{fonts._PACKAGE}")' in spec
    assert f'copy_metadata("{DISTRIBUTION}")' in spec
    assert "qtbase_kk" in spec and "qtbase_ru" in spec
    assert "exclude_binaries=True" in spec, "one folder, not one file"


# ---- the Linux desktop entry --------------------------------------------------------------------


def test_the_desktop_entry_has_kazakh_and_russian_names_and_comments() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(DESKTOP, encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Type"] == "Application"
    assert entry["Exec"] == "oralman-desk"
    assert entry["Icon"] == "oralman-desk"
    for key in ("Name", "GenericName", "Comment"):
        for lang in ("kk", "ru"):
            assert entry.get(f"{key}[{lang}]"), f"{key}[{lang}]"
    for key in ("GenericName[kk]", "Comment[kk]"):
        assert set(entry[key]) & KAZAKH_LETTERS, key
    assert entry["Comment[ru]"] != entry["Comment[kk]"]


# ---- the icon -----------------------------------------------------------------------------------


def test_the_icon_is_drawn_from_the_svg_into_pngs_and_a_windows_ico(
    tmp_path: Path, qapp: object
) -> None:
    make_icons = load(INSTALLER / "make_icons.py", "installer_make_icons")
    made = make_icons.make_icons(tmp_path)
    for size in make_icons.PNG_SIZES:
        png = made[f"png{size}"].read_bytes()
        assert png.startswith(b"\x89PNG")
        assert struct.unpack(">II", png[16:24]) == (size, size)
    ico = made["ico"].read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind, count) == (0, 1, len(make_icons.ICO_SIZES))
    sizes = [ico[6 + 16 * i] or 256 for i in range(count)]
    assert sizes == list(make_icons.ICO_SIZES)
