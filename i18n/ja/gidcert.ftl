# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }


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
cli-exit-codes-more = 詳しくは docs/exit-codes.md。表示言語: --lang、設定ファイル、LANG、Windows またはデスクトップの表示言語の順に決まります。
cli-help-about = このヘルプ、または指定したコマンドのヘルプを表示します
cli-arg-help = ヘルプを表示します
cli-arg-version = バージョンを表示します
cli-lang = 表示言語: ja または en（既定: 設定ファイル、なければロケール）
cli-color = 色付け: auto（端末のみ、NO_COLOR があれば無効）、always、never
cli-verbose = 診断情報を標準エラー出力に表示します（-vv でさらに詳しく）。PINコードは表示しません。
cli-arg-pin-stdin = PINコードを標準入力から読みます（1行に1つ）
cli-arg-pin-file = PINコードをこのファイルから読みます（1行に1つ）
cli-arg-json = 標準出力に JSON オブジェクトを1つだけ出力します
cli-arg-force = 同じ名前のファイルがあれば置き換えます
cli-arg-expect-uid = お知らせのユーザーID。電子証明書のユーザーIDと一致するか確認します
cli-download-about = 電子証明書をサーバーからダウンロードして保存します
cli-download-server = ダウンロードサーバー（なければ GIDCERT_SERVER、設定ファイル）
cli-download-ca-cert = サーバーの確認に、OSの信頼済み証明書ではなくこのCA証明書（PEM）だけを使います
cli-download-id = 「識別番号及びPINコードのお知らせ」の識別番号
cli-download-out = 保存先フォルダー（既定: 設定ファイルの save_dir）
cli-download-file-name = ファイル名（既定: <ユーザーID>_<年月日時分秒>.p12）
cli-download-backup-to = このフォルダーにも検証済みのバックアップを作ります
cli-download-examples =
    gidcert download --id 9876543210 --expect-uid ABC12345 --out E:\
    gidcert download --id 9876543210 --backup-to /media/usb
    保存から1時間でサーバーのファイルは削除されます。すぐに内容を確認してください。
cli-show-about = 電子証明書を表示し、マニュアルの確認項目（発行先・発行者・有効期間など）を確認します
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
cli-change-pin-legacy = 古いソフトウェアでも読み込める方式で暗号化します（3DES、SHA-1 MAC: macOS キーチェーン等）
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
cli-backup-verify-pin = コピーの前にPINコードでファイルを開いて確認します（--pin-stdin、--pin-file を付けたときも同様）
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
exit-interrupted = 中断（Ctrl-C）

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
err-interrupted = 中止しました（Ctrl-C）。
err-pin-empty = { $source } から読み込んだPINコードが空です。
rec-pin-empty = 1行目にPINコードを書いてください。空の行はPINコードとして扱いません。
err-pin-not-sent = サーバーには送信していないため、入力回数は減っていません。
rec-pin-not-sent = お知らせに記載のPINコードを、日本語入力をオフにして半角でそのまま入力してください。
prompt-pin-empty = 何も入力されていません。PINコードを入力してください（Ctrl-C で中止）。
prompt-empty = 何も入力されていません。もう一度入力してください（Ctrl-C で中止）。
prompt-line-too-long = { $max } 文字を超えています。もう一度入力してください。
prompt-not-text = 文字として読み取れませんでした。もう一度入力してください。
prompt-yes-no = （はい/いいえ）
prompt-yes-no-default-yes = （はい/いいえ、Enter で「はい」）
prompt-yes-no-default-no = （はい/いいえ、Enter で「いいえ」）
prompt-yes = はい
prompt-no = いいえ
prompt-yes-no-again = 「はい」（y）か「いいえ」（n）で答えてください。
prompt-number = 番号:
prompt-number-default = 番号（Enter で { $default }）:
prompt-number-again = 1～{ $max } の番号を入力してください。
prompt-path-quotes = パスは引用符（"）を付けずに入力してください。
prompt-path-tilde = 「~」はここでは使えません。フォルダーのパスを省略せずに入力してください（ホームフォルダーは { $home } です）。
prompt-folder-missing = フォルダー { $path } はありません。
prompt-not-a-folder = { $path } はファイルです。フォルダーを指定してください。
prompt-is-a-folder = { $path } はフォルダーです。電子証明書ファイルそのものを指定してください。
prompt-file-missing = ファイル { $path } はありません。
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
pin-rule-control = PINコードに制御文字（Tab、Esc など）が含まれています。
pin-login-empty = PINコードが入力されていません。
pin-login-full-width = PINコードに全角文字が含まれています（日本語入力がオンになっています）。半角で入力してください。
pin-login-space = PINコードに空白が含まれています。お知らせのPINコードに空白はありません。
pin-login-control = PINコードに制御文字（Tab、Esc など）が含まれています。
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
err-fs-is-a-folder = { $path } はフォルダーです。ファイルではありません。
rec-fs-read = パスと、そのファイルを読み取る権限があることを確認してください（USBメモリは差し込まれていますか）。
rec-fs-is-a-folder = フォルダーではなく、ファイルそのものを指定してください。フォルダー内の電子証明書ファイルは gidcert scan FOLDER で一覧できます。
io-not-found = 見つかりません
io-permission-denied = アクセスが拒否されました
io-is-a-folder = ファイルではなくフォルダーです
io-not-a-folder = パスの途中がフォルダーではありません
io-disk-full = ドライブの空き容量がありません
io-read-only = ドライブが読み取り専用です
io-invalid-data = 内容が正しいテキストではありません
io-timed-out = 時間内に完了しませんでした
io-os-error = システムエラー { $code }
io-other = 入出力エラー

## ---- keystore (src/keystore/) ---------------------------------------------------------------
err-ks-too-large = ファイルが { $len } バイトあり、電子証明書ファイル（.p12）としては大きすぎるため読み込みませんでした。
err-ks-empty = ファイルが空です（0 バイト）。
err-ks-pem-certificate = これは PEM 形式の証明書（{ $label }）で、.p12 ファイルではありません。秘密鍵が入っていません。
err-ks-pem-key = これは PEM 形式の鍵ファイル（{ $label }）で、.p12 ファイルではありません。
err-ks-pem-other = これは PEM 形式のファイル（{ $label }）で、.p12 ファイルではありません。
err-ks-base64 = これは Base64 のテキストで、.p12 ファイルではありません（.p12 をテキストとして貼り付けたものかもしれません）。
err-ks-der-certificate = これは証明書だけのファイル（DER 形式）で、.p12 ファイルではありません。秘密鍵が入っていません。
err-ks-not-pkcs12 = これは PKCS#12（.p12）ファイルではありません。
err-ks-corrupt = .p12 ファイルが壊れているか、途中で切れています。
err-ks-damaged = PINコードでは開けましたが、.p12 ファイルの改ざん検知（MAC）に失敗しました。保存後に変更されたか壊れています。
err-ks-wrong-pin = PINコードが違うため、このファイルを開けません。
err-ks-unsupported = このファイルは gidcert が対応していない方式（{ $algorithm }）を使っています。
err-ks-no-private-key = このファイルには秘密鍵が入っていません（証明書だけです）。
err-ks-no-certificate = このファイルには秘密鍵はありますが、その電子証明書が入っていません。
err-ks-key-mismatch = このファイルの電子証明書は、どれも秘密鍵と対応していません。
rec-ks-pick-p12 = ダウンロード時に保存した電子証明書ファイル（.p12）を指定してください。`gidcert scan` で探せます。
rec-ks-base64 = 先にデコードする（例: `base64 -d ファイル > file.p12`）か、元の .p12 ファイルを指定してください。
rec-ks-not-the-p12 = 書き出した証明書ではなく、ダウンロード時に保存した .p12 ファイルを指定してください。
rec-ks-corrupt = バックアップしたファイルを使ってください。バックアップがない場合は、所属の司法書士会の登録担当窓口に再発行を依頼してください。
rec-ks-wrong-pin = 「識別番号及びPINコードのお知らせ」に記載のPINコード（変更した場合は変更後のPINコード）を半角で入力してください（大文字と小文字は区別されます）。間違えてもファイルはロックされません。
rec-ks-unsupported = 新しいソフトウェア（例: `openssl pkcs12`）でファイルを書き出し直してから、もう一度実行してください。
rec-ks-no-private-key = 秘密鍵の入った、ダウンロード時に保存した .p12 ファイルを指定してください。
rec-ks-key-mismatch = ファイルの内容が不整合です。ダウンロード時に保存した .p12 ファイルのバックアップを使ってください。

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------
err-cert-unreadable = ファイル内の電子証明書を読み取れませんでした: { $detail }
rec-cert-unreadable = ファイルが壊れている可能性があります。バックアップを使うか、司法書士会にお問い合わせください。
err-profile-unknown = 「{ $name }」というプロファイルはありません（使用可能: { $known }）。
rec-profile-unknown = --profile を省略すると既定（shiho-shoshi）を使います。または profiles.toml にプロファイルを追加してください。
err-profile-read = プロファイルファイル { $path } を読み取れませんでした: { $error }
err-profile-parse = プロファイルファイル { $path } の内容が正しくありません: { $error }
rec-profile-file = プロファイルファイルを修正するか削除してください。書式は docs/json-schema.md にあります。
cert-value-none = （なし）
attr-uid = ユーザーID (UID)
check-issuer-ok = 発行者は「{ $expected }」です。
check-issuer-bad = 発行者が「{ $actual }」です。「{ $expected }」であるべきです。
check-o-ok = O は「{ $expected }」です。
check-o-bad = O が「{ $actual }」です。「{ $expected }」であるべきです。
check-c-ok = C は「{ $expected }」です。
check-c-bad = C が「{ $actual }」です。「{ $expected }」であるべきです。
check-uid-ok = ユーザーIDはお知らせのとおり { $expected } です。
check-uid-bad = ユーザーIDが { $actual } です。お知らせのユーザーIDは { $expected } です。
check-key-ok = 秘密鍵は電子証明書と対応しています。
check-key-bad = 秘密鍵が電子証明書と対応していません。
check-no-key = ファイルに秘密鍵がありません。署名には使えません。
check-expiring-soon = 有効期間の終了まであと { $days } 日です（警告期間: { $warn } 日）。
check-not-expiring-soon = 残り { $days } 日で、警告期間（{ $warn } 日）より先です。
validity-days-left = { $days ->
    [0] 有効期間内（残り1日未満）
   *[other] 有効期間内（残り { $days } 日）
}
validity-expired = { $days ->
    [0] 有効期間切れ（本日終了）
   *[other] 有効期間切れ（{ $days } 日前に終了）
}
validity-not-yet = { $days ->
    [0] 有効期間開始前（1日以内に開始）
   *[other] 有効期間開始前（あと { $days } 日で開始）
}
ku-digital-signature = デジタル署名
ku-non-repudiation = 否認防止
ku-key-encipherment = 鍵の暗号化
ku-data-encipherment = データの暗号化
ku-key-agreement = 鍵の交換
ku-key-cert-sign = 証明書の署名
ku-crl-sign = CRL の署名
ku-encipher-only = 暗号化のみ
ku-decipher-only = 復号のみ
show-file = ファイル
show-issued-to = 発行先
show-issuer = 発行者
show-validity = 有効期間
show-subject = サブジェクト
show-serial = シリアル番号
show-fingerprint = SHA-256
show-key = 公開鍵
show-key-usage = キー使用法
show-key-usage-any = （制限なし）
show-ca-certs = ファイル内のCA証明書: { $count } 件
show-no-ca-certs = ファイル内のCA証明書: なし
show-checks = 確認結果
show-uid-not-checked = ユーザーIDは照合していません（--expect-uid で指定できます）。
show-all-ok = すべての確認項目に問題はありません。
show-some-failed = 一致しない確認項目があります。このファイルはそのままでは使えません。
rec-check-expires-soon = 有効期間の終了が近づいています。早めに更新の申請をしてください。
rec-check-not-the-members = ご自身のお知らせでダウンロードした電子証明書ファイルか確認してください。そうである場合は使用せず、所属の司法書士会の登録担当窓口に連絡してください。
rec-check-expired = 有効期間が過ぎた電子証明書は、署名に使えません。新しい電子証明書を申請してください（手続きは所属の司法書士会にお問い合わせください）。
rec-check-not-yet-valid = この電子証明書は、まだ有効期間が始まっていません。パソコンの日付と時刻が正しいか確認してください。正しい場合は、有効期間の開始後に使ってください。
show-auto-ok = 自動で確認した { $count } 項目はすべて問題ありません。
show-confirm-name = マニュアルの確認項目（ア）: 発行先「{ $name }」は、ご自身の氏名のローマ字表記ですか？
show-name-confirmed = ご本人が確認: 発行先はご自身の氏名です。
show-name-denied = 発行先がご自身の氏名ではないとの回答でした。このファイルは使用せず、所属の司法書士会の登録担当窓口に連絡してください。
show-name-to-confirm = ご自身で確認してください: 発行先がご自身の氏名のローマ字表記であること（マニュアルの確認項目（ア））。
show-warning = 警告
show-help-exit-codes = show の終了コード
show-help-exit-order = 複数の確認項目で問題があるときは、7, 8, 10, 11, 12 のうち最も小さいコードを返します。

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------
err-dl-no-server = ダウンロードサーバーが設定されていません。gidcert にはサーバーのアドレスが組み込まれていません。認証局のダウンロード手順（プロトコル）は公開されておらず、gidcert は独自のプロトコル（docs/protocol.md）を使うため、それに対応したサーバーが必要です。
rec-dl-server = 対応サーバーのアドレスを --server URL で指定するか、環境変数 GIDCERT_SERVER を設定するか、設定ファイルに server = "https://…" と書いてください（場所は `gidcert config path` で確認できます）。詳しくはガイド（docs/guide.ja.md）の「サーバーの指定」を参照してください。show、change-pin、backup、scan にはサーバーは不要です。
err-dl-bad-url = サーバーのアドレス { $url } は使用できるURLではありません（https://ホスト[:ポート][/パス]）。
err-dl-insecure-url = サーバーのアドレス { $url } はHTTPSではありません。http:// はこのコンピューター（ループバック）宛てにのみ使用できます。
rec-dl-insecure-url = ダウンロードサーバーの https:// のアドレスを使用してください。
err-dl-ca-cert = CA証明書ファイル { $path } を使用できません: { $reason }
err-dl-ca-cert-empty = PEM形式の証明書が含まれていません
err-dl-ca-cert-not-ca = CA証明書として使えない証明書が含まれています（{ $detail }）
rec-dl-ca-cert = サーバーのCA証明書を含むPEMファイル（-----BEGIN CERTIFICATE-----）を指定してください。
err-dl-setup = HTTPS通信の準備ができませんでした: { $reason }
rec-dl-setup = 何も送信されていません。プロキシの設定（HTTPS_PROXY）を確認し、-v を付けて再度実行してください。繰り返し発生する場合は、その出力を添えて報告してください。
err-dl-bad-deadline = GIDCERT_DEADLINE = "{ $value }" は4～600の秒数ではありません。
rec-dl-bad-deadline = 既定値（120秒）を使用する場合は GIDCERT_DEADLINE を削除し、変更する場合は GIDCERT_DEADLINE=300 のように秒数を整数で指定してください。
err-dl-locked-unknown = PINコードの誤りが続いたため、識別番号はロックされています。ロックの解除時刻はサーバーから通知されていません。
err-dl-deleted-unknown = 電子証明書ファイルは、最初のダウンロードから1時間後にサーバーから削除されました。
err-dl-revoked-unknown = 電子証明書は失効しています。
err-dl-tls-not-yet-valid = サーバーの証明書が有効期間外（有効期間の開始前）のため、接続を中止しました。PINコードは送信していません。
err-dl-tls-version = サーバーが安全でない古いTLSのバージョンにしか対応していないため（TLS 1.2 または 1.3 が必要です）、接続を中止しました。PINコードは送信していません。
rec-dl-tls-version = サーバー側の更新が必要です。司法書士会またはサーバーの運用者に連絡してください。別のツールを使用して回避しないでください。
err-dl-tls-handshake = サーバーとの暗号化通信（TLS）を開始できませんでした。PINコードは送信していません。
rec-dl-tls-handshake = サーバーのアドレス（ダウンロードサーバーの https:// のアドレス）を確認してください。正しい場合は、時間をおいて再度お試しください。技術的な詳細は -v を付けて実行すると表示されます。
err-dl-not-resent = PINコードを送信した後に応答がなかったため、PINコードは再送信していません。サーバーはこの1回を試行として数えた可能性があります。
rec-dl-not-resent = ネットワーク接続を確認し、数分後に同じPINコードで再度お試しください。PINコードが誤っていた場合、サーバーが1回と数えることはありますが、1回の入力が2回以上数えられることはありません。
err-dl-connect-refused = サーバーに接続を拒否されました（そのアドレスで待ち受けているサーバーがありません）。何も送信していません。
err-dl-connect-no-host = サーバーのホスト名が見つかりませんでした（DNS）。何も送信していません。
err-dl-connect-unreachable = このコンピューターからサーバーに到達できません（ネットワークへの経路がありません）。何も送信していません。
err-dl-bad-retry-after = サーバーの応答が正しくありません。ありえない待ち時間（Retry-After）を求めています。何も保存されていません。
dl-time-left = 残り { $time }
err-dl-bad-id = 識別番号は1～32文字の半角英数字です。
rec-dl-bad-id = 「識別番号及びPINコードのお知らせ」に記載された識別番号をそのまま入力してください。
err-dl-wrong-credentials = 識別番号またはPINコードが正しくありません。あと { $attempts } 回誤ると、識別番号が60分間ロックされます。
err-dl-wrong-credentials-unknown = 識別番号またはPINコードが正しくありません。
rec-dl-wrong-credentials = 「識別番号及びPINコードのお知らせ」と照らし合わせてください（半角文字、空白なし）。推測で入力しないでください。誤りが続くとロックされます。
err-dl-locked = PINコードの誤りが続いたため、識別番号は { $until } までロックされています。
rec-dl-locked = その時刻を過ぎてから、お知らせに記載されたPINコードで再度お試しください。
err-dl-blocked = ロックが繰り返されたため、識別番号は閉塞されました。
rec-dl-contact-association = 所属の司法書士会の登録担当窓口に連絡し、電子証明書の再発行または閉塞の解除を依頼してください。
err-dl-deleted = 電子証明書ファイルは、最初のダウンロードから1時間後の { $at } にサーバーから削除されました。
rec-dl-deleted = 保存済みであれば、保存した電子証明書ファイルを使用してください。保存していない場合は、所属の司法書士会の登録担当窓口に再発行を依頼してください。
err-dl-revoked = 電子証明書は { $at } に失効しています。
rec-dl-revoked = 本人限定受取郵便の発送日から30日を経過しても「受領書」が返送されない場合、電子証明書が失効されることがあります。理由の確認と再度の申請について、所属の司法書士会の登録担当窓口に連絡してください。
err-dl-receipt-mismatch = 受領の通知をした電子証明書ファイルは、サーバーが保持しているものと一致しません。
rec-dl-receipt-mismatch = `gidcert show` で保存した電子証明書ファイルを確認してください。ファイル自体は問題ない場合があります。
err-dl-rate-limited = サーバーが現在リクエストを受け付けていません。{ $seconds } 秒待つよう求めています。
err-dl-rate-limited-unknown = リクエストが多すぎるため、サーバーが現在リクエストを受け付けていません。
err-dl-server-failure = サーバーでエラーが発生しました（HTTP { $status }、{ $attempts } 回試行）。
err-dl-server-failure-later = サーバーでエラーが発生しました（HTTP { $status }、{ $attempts } 回試行）。サーバーは { $seconds } 秒待つよう求めています。
rec-dl-try-later = 数分後に再度お試しください。何も保存されていません。
err-dl-refused = サーバーがリクエストを拒否しました（HTTP { $status }、{ $problem }）。
rec-dl-bad-answer = 何も保存されていません。再度お試しください。繰り返し発生する場合は -v の出力を添えて報告してください。
err-dl-tls-unknown-ca = サーバーの証明書が信頼できる認証局から発行されていないため、接続を中止しました。PINコードは送信していません。
rec-dl-tls-unknown-ca = サーバーのアドレスを確認してください。このサーバー用のCA証明書を司法書士会から受け取っている場合は、--ca-cert PEM で指定してください。
err-dl-tls-wrong-host = サーバーの証明書がこのホスト名に対して発行されていないため、接続を中止しました。PINコードは送信していません。
err-dl-tls-expired = サーバーの証明書が有効期間外（期限切れ）のため、接続を中止しました。PINコードは送信していません。
err-dl-tls-other = サーバーの証明書を受け入れられないため（TLS）、接続を中止しました。PINコードは送信していません。
rec-dl-tls = サーバーのアドレスと、このコンピューターの日付・時刻を確認してください。PINコードを守るための確認ですので、回避しないでください。
err-dl-timeout = サーバーから時間内に応答がなかったため、{ $seconds } 秒でダウンロードを中止しました（{ $attempts } 回試行）。何も保存されていません。
err-dl-connect = サーバーに接続できませんでした。何も送信していません。
err-dl-broken = サーバーとの通信中に接続が切れました（{ $attempts } 回試行）。何も保存されていません。
rec-dl-network = ネットワーク接続（プロキシを使用している場合は HTTPS_PROXY、NO_PROXY も）を確認し、再度お試しください。何も保存されていません。
err-dl-content-type = サーバーが電子証明書ファイル（application/pkcs12）ではなく「{ $got }」を送信しました。何も保存されていません。
err-dl-no-length = サーバーの応答に Content-Length がありません。何も保存されていません。
err-dl-length-mismatch = サーバーは { $announced } バイトと通知しましたが、{ $got } バイトしか届きませんでした。ファイルが不完全です。何も保存されていません。
err-dl-too-large = サーバーの応答は { $len } バイトで、電子証明書ファイルとしては大きすぎます。何も保存されていません。
err-dl-no-digest = サーバーの応答に有効なSHA-256ダイジェスト（Repr-Digest）がありません。何も保存されていません。
err-dl-digest-mismatch = ダウンロードしたファイルがサーバーのSHA-256ダイジェストと一致しません。通信中に破損しています。何も保存されていません。
err-dl-no-delete-at = サーバーの応答に削除予定時刻（Gid-Delete-At）がありません。何も保存されていません。
err-dl-bad-delete-at = サーバーの削除予定時刻（Gid-Delete-At）が正しい時刻ではありません。何も保存されていません。
err-dl-malformed-problem = サーバーが有効なエラー内容なしに HTTP { $status } を返しました。
err-dl-unexpected-status = サーバーがここでは認められていない HTTP { $status } を返しました。
dl-prompt-id = 識別番号:
dl-prompt-uid = お知らせに記載のユーザーID（省略する場合はEnter）:
dl-prompt-folder = 電子証明書の保存先
dl-prompt-path = フォルダー:
dl-folder-drive = USBメモリ等 { $label }（{ $path }）
dl-folder-config = 設定されたフォルダー（{ $path }）
dl-folder-downloads = ダウンロードフォルダー（{ $path }）
dl-folder-other = その他のフォルダー…
dl-folder-rescan = USBメモリ等を探し直す（先に差し込んでください）
dl-no-removable = USBメモリ等の取り外し可能なドライブが見つかりません。マニュアルはUSBメモリ等の媒体への保存を推奨しています。差し込んでから「探し直す」を選んでください。
dl-fixed-disk-confirm = { $path } は取り外し可能なドライブ上にありません。このPCのディスク上のファイルは盗まれるおそれがあります（2014年には、PCに残されたファイルがウイルスに盗まれる被害がありました）。それでもここに保存しますか？
dl-fixed-disk-warning = { $path } は取り外し可能なドライブ上にありません。USBメモリ等に移し（gidcert backup）、このコピーは削除してください。
dl-uid-differs = 電子証明書のユーザーIDは { $uid } ですが、入力されたユーザーIDは { $typed } です。
dl-uid-typo = 入力したユーザーIDは打ち間違いでしたか？（その間、ファイルはメモリ上に保持しています）
dl-prompt-uid-again = お知らせに記載のユーザーID:
dl-not-a-folder = { $path } というフォルダーはありません。
dl-downloading = 電子証明書をダウンロードしています…
dl-saved = 電子証明書の保存が完了しました。
dl-warning = 警告
dl-receipt-failed = 受領したことをサーバーに通知できませんでした。電子証明書ファイルは保存済みで問題ありません。
dl-label-file = ファイル
dl-label-issued-to = 発行先
dl-label-uid = ユーザーID
dl-label-issuer = 発行者
dl-label-validity = 有効期間
dl-label-sha256 = ファイルのSHA-256
dl-label-backup = バックアップ（検証済み）
dl-uid-not-checked = ユーザーIDをお知らせと照合していません（--expect-uid で指定できます）。
dl-until = { $until } まで（あと { $minutes } 分）は再度ダウンロードできます。その後、サーバーから削除されます。
## ---- guided mode (src/commands/guided.rs) -------------------------------------------------------
menu-title = 司法書士電子証明書（セコムパスポート for G-ID）
menu-prompt = 行う作業を選んでください。
menu-download = 電子証明書の取得
menu-show = 電子証明書の表示
menu-change-pin = PINコードの変更
menu-backup = バックアップ（USBメモリ等へのコピー）
menu-scan = コピーの検索
menu-quit = 終了
menu-ask-file = 電子証明書ファイル（.p12）のパス:
menu-back = メニューに戻ります
menu-press-enter = Enter キーを押すとこのウィンドウを閉じます。
dl-remind-backup = PINコードを変更する前に、今すぐバックアップしてください。USBメモリ等にコピーし（gidcert backup "{ $path }"）、お知らせと一緒に鍵付きキャビネット等で保管してください。
dl-remind-pin = PINコードの変更（gidcert change-pin）は、バックアップの後に作業用のファイルに対して行ってください。
dl-remind-receipt = 「受領書」を返送してください。本人限定受取郵便の発送日から30日を経過しても受領書が返送されない場合、電子証明書が失効されることがあります。
err-dl-missing = 入力が足りず、問い合わせる端末もありません: { $flags }
rec-dl-missing = 対話なしで使用するには --id ID、--pin-stdin または --pin-file PATH、--out DIR（または設定ファイルの save_dir）が必要です。
err-dl-empty-pin = 読み込んだPINコードが空です。
err-dl-bad-file-name = 「{ $name }」はファイル名として使えません。
rec-dl-bad-file-name = --file-name には、フォルダーやドライブを含まず / \ : * ? " < > | のない名前（例: mycert.p12）を指定し、保存先フォルダーは --out で指定してください。
err-dl-does-not-open = ダウンロードしたファイルがPINコードで開けません。何も保存されていません。
err-dl-bad-cert = ダウンロードしたファイルの電子証明書を読み取れません（{ $detail }）。何も保存されていません。
err-dl-check-failed = ダウンロードした電子証明書の確認に失敗しました。{ $check }何も保存されていません。
rec-dl-check-failed = お知らせのユーザーIDを確認してください。正しい場合は、所属の司法書士会の登録担当窓口に連絡してください。
rec-dl-check-failed-file = サーバーから届いた電子証明書が、マニュアルに記載された内容と一致しません。ファイルは保存していません。所属の司法書士会の登録担当窓口に、一致しなかった確認項目を添えて連絡してください。
err-dl-not-saved = 電子証明書ファイルはどこにも保存されていません。
rec-dl-save-failed = 別のフォルダーを選び、もう一度実行してください。
err-dl-backup-failed = 電子証明書ファイル自体は { $path } に保存されていますが、バックアップは作成されていません。
rec-dl-backup-failed = PINコードを変更する前に `gidcert backup` でバックアップしてください。

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------
err-write-iterations = 反復回数 { $requested } は gidcert が書き込める範囲（{ $min }～{ $max }）の外です。
rec-write-iterations = --iterations を省略して既定値（{ $default }）を使うか、範囲内の数を指定してください。
err-write-empty = 電子証明書ファイルに書き込む内容がありません。
err-write-pin-encoding = PINコードに、PKCS#12 ファイルで扱えない文字が含まれています。
err-write-bad-der = 電子証明書ファイルの一部をそのまま書き戻せませんでした（{ $what }）。
err-write-crypto = 暗号化に失敗しました（{ $what }）。
rec-write-bug = 何も変更していません。gidcert の不具合です。ファイルやPINコードを添えずに報告してください。
err-changepin-needs-confirmation = PINコードをプロンプトで入力していないため、確認なしで電子証明書ファイルを置き換えることになります。
rec-changepin-needs-confirmation = 置き換えるときは --yes を（先に元のPINコードのままのバックアップを作成してください）、別のファイルに書き出すときは --out NEWFILE を指定してください。
err-changepin-declined = PINコードを変更していません。ファイルはそのままです。
err-changepin-same-pin = 新しいPINコードが現在のPINコードと同じです。
rec-changepin-same-pin = 現在と異なる新しいPINコードを指定してください。
err-changepin-mismatch = 新しいファイルの内容が元のファイルと一致しませんでした（{ $what }）。新しいファイルは残さず、元のファイルはそのままです。
err-changepin-old-pin-opens = 古いPINコードで新しいファイルを開けてしまいました。新しいファイルは残さず、元のファイルはそのままです。
changepin-backup-reminder = PINコードを変更する前に、元のPINコードのままの電子証明書ファイルのバックアップをUSBメモリに保存してください。新しいPINコードを忘れた場合、元に戻す方法はそのバックアップとお知らせのPINコードだけです。それもない場合は電子証明書の再発行が必要です。
changepin-backup-offer = バックアップがまだない場合は、ここで中止して次を実行してください: gidcert backup { $file }
changepin-confirm = { $file } を新しいPINコードで保護したものに置き換えますか？
changepin-done = PINコードを変更しました: { $path }
changepin-encryption = 書き込んだ暗号方式: { $encryption }、MAC { $mac }、反復回数 { $iterations }。
changepin-imports-modern = OpenSSL 1.1.1 以降、Java 8u301 / 11.0.12 以降、Firefox・Thunderbird（NSS）、Windows 10 1709 以降、macOS 14 以降で読み込めます。それより古い環境では --legacy を指定してください。
changepin-imports-legacy = 旧方式（3DES、SHA-1 MAC）: macOS 14 より前のキーチェーンや Windows 10 1709 より前の Windows を含むほぼすべての環境で読み込めますが、PINコードの保護は弱くなります。
strength-summary = 新しいPINコードは { $len } 桁で、組合せは { $possibilities } 通りです。すべて試すには、グラフィックカード1枚で{ $time }かかります。
strength-assumption = （無作為に選んだPINコードの場合です。単語・名前・日付などはずっと早く推測されます。）
strength-recommend = { $recommended } 桁以上をお勧めします。
duration-seconds = 約 { $n } 秒
duration-minutes = 約 { $n } 分
duration-hours = 約 { $n } 時間
duration-days = 約 { $n } 日
duration-years = 約 { $n } 年
duration-over-million-years = 100万年以上

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------
err-backup-source = { $path }: { $error } コピーしていません。
err-backup-no-drives = 取り外し可能なドライブ（USBメモリ）が接続されていません。
err-backup-no-terminal = コピー先フォルダーが指定されておらず、ドライブを選ぶための端末もありません。
rec-backup-pass-folder = USBメモリを差し込むか、コピー先フォルダーを指定してください: gidcert backup FILE FOLDER
err-backup-bad-name = 「{ $name }」はファイル名として使えません。
rec-backup-bad-name = フォルダーやドライブを含まず / \ : * ? " < > | のないファイル名を指定してください（例: --name certificate-backup.p12）。
err-backup-same-file = { $path } はバックアップ元のファイルそのものです。
rec-backup-same-file = 元のファイルがあるフォルダーではなく、USBメモリ上のフォルダーを指定してください。
err-backup-source-changed = コピー中に { $path } が変更されました。コピーが元のファイルと一致しない可能性があります。
rec-backup-source-changed = このファイルを使っているプログラムを終了して、もう一度バックアップしてください。
backup-choose-drive = どのドライブにコピーしますか？
backup-drive-line = { $label }（{ $mount }）空き { $free }
backup-drive-read-only = 読み取り専用
backup-done = コピーして照合しました: { $path }
backup-source-sha = 元ファイルの SHA-256:
backup-copy-sha = コピーの SHA-256:
backup-size = サイズ: { $size }
backup-pin-ok = PINコードでファイルを開けることを確認しました。
backup-not-removable = 注意: このフォルダーは取り外し可能なドライブ上にありません。マニュアルはUSBメモリ等の媒体に保存し、鍵付きキャビネット等で保管することを推奨しています。
backup-advice = このコピーは元のPINコードのまま、「識別番号及びPINコードのお知らせ」と一緒に鍵付きキャビネット等で保管してください。PINコードを変更するときは作業用のファイルだけを変更し、このバックアップは変更しないでください。
err-scan-delete-no-terminal = --delete は削除のたびに確認しますが、確認を求める端末がありません。
rec-scan-delete-no-terminal = 端末で gidcert scan --delete を実行するか、gidcert scan で一覧を表示してご自身で削除してください。
err-scan-no-such-folder = フォルダー { $path } がありません。
err-scan-is-a-file = { $path } はファイルです。scan はフォルダーの中を検索します。
rec-scan-is-a-file = このファイルを表示するには gidcert show "{ $path }"、検索するにはフォルダーを指定してください: gidcert scan FOLDER
err-scan-no-home = ホームフォルダーが見つかりません。
rec-scan-folder = 検索するフォルダーを指定してください: gidcert scan FOLDER ...
scan-progress = 検索中… { $count } 件のファイルを確認
scan-none-found = 電子証明書ファイル（PKCS#12）は見つかりませんでした。
scan-heading-fixed = このPCの固定ディスク上の電子証明書ファイル { $count } 件（盗まれるおそれがあります）:
scan-heading-removable = 取り外し可能なドライブ上の電子証明書ファイル { $count } 件:
scan-location-fixed = 固定ディスク
scan-location-removable = 取り外し可能なドライブ
scan-cert-line = 発行先 { $cn }、ユーザーID { $uid }、有効期間 { $until } まで
scan-cert-encrypted = 電子証明書の内容は暗号化されています（PINコードが必要です）
scan-expires-soon = 30日以内に有効期間が終了
scan-expired = 有効期間切れ
scan-summary = { $examined } 件のファイルを確認しました。大きなファイル { $large } 件と、キャッシュ・システムフォルダー { $folders } 件は対象外としました。
scan-problems = 読み取れないファイル・フォルダーが { $count } 件あり、対象外としました。
scan-problems-hint = 一覧は -v を付けて実行すると表示されます。
scan-risk-advice = 固定ディスク上にコピーが { $count } 件あります。2014年にはPC内のフォルダーに残された電子証明書ファイルがウイルスに盗まれました。ファイルはUSBメモリだけに保存して鍵付きキャビネット等で保管し（gidcert backup）、これらのコピーは削除してください（gidcert scan --delete）。
scan-delete-traces = 削除するとファイル名は消えますが、SSDやジャーナリングファイルシステムでは内容が上書きされるまで復元できる場合があります。
scan-delete-last-copy = { $path } は削除しません。gidcert が見つけたこの電子証明書の唯一のコピーです。先にバックアップしてください（gidcert backup）。
scan-delete-no-usb-copy = 注意: この電子証明書のコピーは取り外し可能なドライブ上に見つかっていません。
scan-delete-confirm = { $path } を削除しますか？
scan-deleted = { $path } を削除しました
scan-delete-failed = { $path } を削除できません: { $error }
scan-delete-changed = 検索後にファイルが変更されています

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------
demo-intro = デモ: テスト用ダウンロードサーバーを { $url } で起動しました（ループバックのみ）。ファイルは { $folder } に作ります。
demo-account = テスト用お知らせのアカウント: 識別番号 { $id }、ユーザーID { $uid }。
demo-step-download = 電子証明書をダウンロードし、確認して保存し、バックアップする
demo-step-show = 電子証明書を表示し、マニュアルの確認項目を確認する
demo-step-change-pin = 作業用コピーのPINコードを変更する
demo-step-verify = 新しいPINコード、古いPINコード、バックアップを確認する
demo-old-pin-checks = 作業用コピーはお知らせのPINコードでは開けなくなり、USBのバックアップは引き続き開けます。
demo-done = デモが完了しました。すべての手順で結果を確認しました。ファイルは { $folder } にあります。
err-demo-failed = デモが失敗しました: { $detail }
rec-demo-failed = gidcert またはテストサーバーの不具合です。上の出力を添えて報告してください。
err-demo-folder-not-empty = デモ用フォルダー { $folder } が空ではありません。
rec-demo-folder-not-empty = --out に新しいフォルダーか空のフォルダーを指定するか、--out を省略してください。
err-demo-folder-not-utf8 = デモ用フォルダーのパスが UTF-8 ではありません

## ---- end ---------------------------------------------------------------------------------------
