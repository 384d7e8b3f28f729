# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }

err-stdout = 標準出力に書き込めません: { $error }

# コマンドラインのヘルプ (src/cli.rs)。既定値と使える値は本文に書く（clap のものは英語のため）。
cli-about = gidcert – 司法書士電子証明書（セコムパスポート for G-ID）の
    ファイルを取得し、管理するツール
cli-heading-usage = 使い方
cli-heading-commands = コマンド
cli-heading-arguments = 引数
cli-heading-options = オプション
cli-heading-examples =
    例
cli-heading-exit-codes = 終了コード（全コマンド共通）
cli-exit-codes-more = 詳しくは docs/exit-codes.md。表示言語: --lang、なければ LANG。
cli-help-about = このヘルプ、または指定したコマンドのヘルプを表示します
cli-arg-help = ヘルプを表示します
cli-arg-version = バージョンを表示します
cli-lang = 表示言語: ja または en（既定: 設定ファイル、なければロケール）
cli-color = 色付け: auto（端末のみ、NO_COLOR があれば無効）、always、never
cli-verbose = 診断情報を標準エラーに出します（-vv でさらに詳しく）。PINコードは出しません。
cli-arg-pin-stdin = PINコードを標準入力から読みます（1行に1つ）
cli-arg-pin-file = PINコードをこのファイルから読みます（1行に1つ）
cli-arg-json = 標準出力に JSON オブジェクトを1つだけ出力します
cli-arg-force = 同じ名前のファイルがあれば置き換えます
cli-arg-expect-uid = お知らせのユーザーID。電子証明書のユーザーIDと一致するか確認します
cli-download-about = 電子証明書をサーバーからダウンロードして保存します
cli-download-server = ダウンロードサーバー（なければ GIDCERT_SERVER、設定ファイル）
cli-download-ca-cert = サーバーの確認にこのCA証明書（PEM）も使います
cli-download-id = 「識別番号及びPINコードのお知らせ」の識別番号
cli-download-out = 保存先フォルダー（既定: 設定ファイルの save_dir）
cli-download-file-name = ファイル名（既定: <ユーザーID>_<年月日時分秒>.p12）
cli-download-backup-to = このフォルダーにも検証済みのバックアップを作ります
cli-download-examples =
    gidcert download --id 9876543210 --expect-uid ABC12345 --out E:\
    gidcert download --id 9876543210 --backup-to /media/usb
    保存から1時間でサーバーのファイルは削除されます。すぐに内容を確認してください。
cli-show-about = 電子証明書を表示し、確認すべき項目を確認します
cli-show-file = 電子証明書ファイル（.p12 / .pfx）
cli-show-warn-days = 有効期間の終了まで N 日以内なら警告します（既定: 30）
cli-show-profile = 期待する発行者と組織（既定: shiho-shoshi）
cli-show-examples =
    gidcert show E:\ABC12345_20260401093000.p12
    gidcert show cert.p12 --expect-uid ABC12345
    gidcert show cert.p12 --pin-stdin --json < pin.txt
cli-change-pin-about = 電子証明書のPINコードを、ファイルを失うことなく変更します
cli-change-pin-file = PINコードを変更する電子証明書ファイル
cli-change-pin-out = FILE を置き換えず、新しいファイルをここに作ります（上書きしません）
cli-change-pin-legacy = 古い取込み先向けに暗号化します（3DES、SHA-1 MAC: macOS キーチェーン等）
cli-change-pin-iterations = 新しいファイルの PBKDF2 反復回数
cli-change-pin-yes = FILE を置き換える前の確認を省きます
cli-change-pin-examples =
    gidcert change-pin cert.p12
    gidcert change-pin cert.p12 --out cert-newpin.p12
    先に、お知らせのPINコードのままの原本をUSBメモリに保管してください。
cli-backup-about = 電子証明書をUSBメモリにコピーし、検証します
cli-backup-file = バックアップする電子証明書ファイル
cli-backup-dest-dir = コピー先フォルダー（既定: 取り外し可能なドライブから選ぶ）
cli-backup-name = コピーのファイル名（既定: 元と同じ名前）
cli-backup-verify-pin = コピーの前にPINコードでファイルを開いて確認します
cli-backup-examples =
    gidcert backup cert.p12 E:\
    gidcert backup cert.p12 /media/usb --verify-pin
cli-scan-about = フォルダーを検索し、残っている電子証明書ファイルのコピーを探します
cli-scan-paths = 検索するフォルダー（既定: ホームフォルダーと取り外し可能なドライブ）
cli-scan-delete = 固定ディスク上のコピーの削除を1つずつ確認します（最後の1つは削除しません）
cli-scan-cross-filesystems = 別のファイルシステムの中も検索します
cli-scan-examples =
    gidcert scan
    gidcert scan C:\Users --delete
cli-demo-about = 内蔵のテスト用サーバーで download、show、change-pin を試します
cli-demo-out = デモのファイルを置くフォルダー（既定: 新しい一時フォルダー）
cli-demo-examples =
    gidcert demo
cli-completions-about = シェルの補完スクリプトを出力します
cli-completions-shell = シェル: bash、zsh、fish、powershell、elvish
cli-completions-examples =
    gidcert completions bash > ~/.local/share/bash-completion/completions/gidcert
    gidcert completions powershell >> $PROFILE
cli-man-about = man ページ（roff）を出力します
cli-man-examples =
    gidcert man > gidcert.1 && man ./gidcert.1
cli-config-about = 設定ファイルについて表示します
cli-config-path-about = 設定ファイルの場所を表示します
cli-config-show-about = 有効な設定値とその出どころを表示します（秘密の情報は出しません）
cli-config-examples =
    gidcert config path
    gidcert config show --json

# 終了コード（--help の表に載せる短い説明）
exit-ok = 正常終了
exit-internal = 内部エラー（不具合）
exit-usage = コマンドラインの誤り
exit-wrong-pin = PINコードが違う
exit-not-pkcs12 = PKCS#12 ファイルでない
exit-corrupt = 壊れている・途中で切れている
exit-unsupported = 未対応の暗号方式
exit-no-private-key = 秘密鍵がない
exit-key-mismatch = 秘密鍵と証明書が対応しない
exit-too-large = ファイルが大きすぎる
exit-check-failed = 確認項目が不一致
exit-expired = 有効期間外
exit-expires-soon = 有効期間の終了が近い
exit-stray-copies = 残ったコピーあり
exit-login-failed = ログイン拒否（識別番号・PIN）
exit-locked = ロック中（PINの誤り多数）
exit-blocked = 閉塞（司法書士会に連絡）
exit-deleted = サーバーで削除済み
exit-revoked = 失効
exit-server = サーバーのエラー・不正な応答
exit-network = 通信・TLS のエラー
exit-config = サーバー未設定・設定の誤り
exit-save-failed = ファイルを書き込めない
exit-exists = ファイルが既にある（--force）
exit-read-failed = ファイルを読めない
exit-verify-failed = 書き込んだ内容が一致しない
exit-cancelled = 中止
exit-bad-input = 入力がない・正しくない

# コマンドラインの誤り
err-cli-invalid-value = { $arg } に '{ $value }' は指定できません。指定できる値: { $valid }
err-cli-unknown-argument = '{ $arg }' というオプションはありません。
err-cli-unknown-command = '{ $command }' というコマンドはありません。
err-cli-missing-argument = { $arg } の指定が必要です。
err-cli-missing-command = コマンドを指定してください。
err-cli-conflict = { $arg } と { $other } は同時に指定できません。
err-cli-bad-value = { $arg } の値 '{ $value }' が正しくありません。
err-cli-other = コマンドラインが正しくありません。
err-cli-other-arg = { $arg } のところでコマンドラインが正しくありません。
err-cli-did-you-mean = '{ $suggestion }' のことですか。
rec-cli-help = --help を付けて実行すると、使い方を表示します。

# gidcert config show
config-label-file = 設定ファイル
config-label-server = server
config-label-save-dir = save_dir
config-label-lang = lang
config-file-exists = あり
config-file-missing = なし。既定値を使います
config-source-flag = コマンドラインで指定
config-source-environment = 環境変数で指定
config-source-file = 設定ファイルで指定
config-source-locale = ロケールから
config-source-unset = 未設定

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = PINコードが必要ですが、入力を求める端末がありません。
rec-no-terminal = --pin-stdin（標準入力の1行目にPINコード）または --pin-file PATH を指定してください。
err-cancelled = 中止しました。
err-missing-pin-line = { $source } からPINコードが { $needed } 行必要ですが、{ $got } 行しかありません。
rec-missing-pin-line = 1行に1つずつPINコードを書いてください。change-pin では古いPINコード、新しいPINコードの順です。
err-read-pin = { $source } からPINコードを読めません: { $error }
err-pin-input-too-large = { $source } はPINコードのファイルとしては大きすぎます。
rec-read-pin = PINコードを入れたファイルまたはパイプを確認してください。
err-pin-mismatch = 新しいPINコードと確認入力が一致しません。
rec-pin-mismatch = 同じ新しいPINコードを2回入力してください。
rec-pin-rule = 新しいPINコードは4～16桁で、英字(小文字)と数字だけが使えます。
pin-rule-empty = 新しいPINコードが入力されていません。
pin-rule-too-short = 新しいPINコードが { $len } 桁です。4桁以上にしてください。
pin-rule-too-long = 新しいPINコードが { $len } 桁です。16桁以下にしてください。
pin-rule-upper-case = 新しいPINコードに英大文字が含まれています。英字(小文字)と数字だけが使えます。
pin-rule-full-width = 新しいPINコードに全角文字が含まれています。半角の英字(小文字)と数字で入力してください。
pin-rule-space = 新しいPINコードに空白が含まれています。
pin-rule-other = 新しいPINコードに英字(小文字)と数字以外の文字が含まれています。
prompt-pin = PINコード
prompt-old-pin = 古いPINコード
prompt-new-pin = 新しいPINコード（英字(小文字)と数字で4～16桁）
prompt-new-pin-again = 新しいPINコード（確認）

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = フォルダー { $path } がありません。
rec-fs-no-folder = 存在するフォルダーを指定してください（USBメモリは差し込まれていますか）。
err-fs-not-a-folder = { $path } はフォルダーではありません。
err-fs-read-only = { $path } に書き込めません。読み取り専用か、権限がありません。
rec-fs-read-only = 別のフォルダーを指定するか、USBメモリの書き込み禁止スイッチを確認してください。
err-fs-disk-full = { $path } のドライブに空き容量がありません。
rec-fs-disk-full = 空き容量を確保するか、別のドライブを指定してください。
err-fs-exists = { $path } は既にあります。上書きしていません。
rec-fs-exists = 別の名前を指定するか、置き換えるときは --force を指定してください。
err-fs-not-found = ファイル { $path } がありません。
rec-fs-not-found = パスを確認してください。`gidcert scan` で電子証明書ファイルを探せます。
err-fs-too-large = { $path } は { $len } バイトあり、電子証明書ファイルとしては大きすぎます。
rec-fs-too-large = 数キロバイトの電子証明書ファイル（.p12）を指定しているか確認してください。
err-fs-verify = { $path } に書き込んだ内容を読み返すと一致しませんでした。このファイルは残していません。
err-fs-write = { $path } に書き込めません: { $error }
rec-fs-write = 何も置き換えていません。ドライブ（取り外されていないか）を確認して、もう一度実行してください。
err-fs-read = { $path } を読めません: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
